// The seed analysis suggested replacing the month loop with this raw query:
//
//   SELECT DATE_TRUNC('month', assessment_date) as month, COUNT(*) as count
//   FROM assessments WHERE assessment_date >= NOW() - INTERVAL '6 months'
//   GROUP BY DATE_TRUNC('month', assessment_date)
//
// Run as written against the example app, it shows the two mistakes a rewrite must not make,
// so that this suite would catch a rewrite that made them: a column named after the Prisma
// field (`assessed_date`) where the database has the @map'ed one fails, and a bare COUNT(*)
// comes back as a BigInt that Response.json cannot serialise. poolfix's form (mapped names,
// COUNT(...)::int) serialises.
//
//   tsx seed-sql.ts --app DIR     (DATABASE_URL as for driver.ts); prints PASS/FAIL lines
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

type RawPrisma = { $queryRawUnsafe(sql: string): Promise<unknown[]>; $disconnect(): Promise<void> };

let failed = 0;
function check(passed: boolean, message: string) {
  console.log(`${passed ? 'PASS' : 'FAIL'}  ${message}`);
  if (!passed) failed++;
}

async function errorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function main() {
  const { values: args } = parseArgs({ options: { app: { type: 'string' } } });
  if (!args.app) throw new Error('seed-sql.ts: --app DIR is required');
  const { prisma } = (await import(pathToFileURL(join(args.app, 'lib/prisma.ts')).href)) as { prisma: RawPrisma };

  const byField = `SELECT DATE_TRUNC('month', assessed_date) AS month, COUNT(*) AS count FROM assessments GROUP BY 1`;
  const fieldError = await errorOf(() => prisma.$queryRawUnsafe(byField));
  check(/assessed_date/.test(fieldError) && /does not exist/.test(fieldError),
    `the seed's SQL with the Prisma field name fails: ${fieldError.split('\n').find((line) => /does not exist/.test(line)) ?? fieldError}`);

  const bare = await prisma.$queryRawUnsafe(
    `SELECT DATE_TRUNC('month', "assessment_date") AS month, COUNT(*) AS count FROM "assessments" GROUP BY 1 ORDER BY 1`);
  const bigint = typeof (bare[0] as { count: unknown }).count === 'bigint';
  const serialiseError = await errorOf(async () => Response.json(bare));
  check(bigint && /serialize a BigInt/.test(serialiseError),
    `the seed's COUNT(*) comes back as a BigInt and Response.json throws: ${serialiseError || 'no error'}`);

  const cast = await prisma.$queryRawUnsafe(
    `SELECT COUNT(t."assessment_date")::int AS count FROM "assessments" t`);
  check(typeof (cast[0] as { count: unknown }).count === 'number' && !(await errorOf(async () => Response.json(cast))),
    `poolfix's COUNT(...)::int comes back as a number and serialises`);

  await prisma.$disconnect();
}

main().then(
  () => process.exit(failed ? 1 : 0),
  (error) => {
    console.error(`seed-sql: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
