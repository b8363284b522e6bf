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
//   tsx seed-sql.ts --not-run WHY  prints the same checks, each a FAIL for that reason
//
// Each check is judged on its own: one that throws fails alone, and when the app's client
// cannot even be loaded, every check still prints, failed, with the reason.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

type RawPrisma = { $queryRawUnsafe(sql: string): Promise<unknown[]>; $disconnect(): Promise<void> };

// A check: its message, and a test that says whether it passed and what to add to the message.
type SqlCheck = { message: string; test(prisma: RawPrisma): Promise<[boolean, string]> };

async function errorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return '';
  } catch (error) {
    return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const CHECKS: SqlCheck[] = [
  {
    message: "the seed's SQL with the Prisma field name fails",
    async test(prisma) {
      const byField = `SELECT DATE_TRUNC('month', assessed_date) AS month, COUNT(*) AS count FROM assessments GROUP BY 1`;
      const fieldError = await errorOf(() => prisma.$queryRawUnsafe(byField));
      return [/assessed_date/.test(fieldError) && /does not exist/.test(fieldError),
        `: ${fieldError.split('\n').find((line) => /does not exist/.test(line)) ?? fieldError}`];
    },
  },
  {
    message: "the seed's COUNT(*) comes back as a BigInt and Response.json throws",
    async test(prisma) {
      const bare = await prisma.$queryRawUnsafe(
        `SELECT DATE_TRUNC('month', "assessment_date") AS month, COUNT(*) AS count FROM "assessments" GROUP BY 1 ORDER BY 1`);
      const bigint = typeof (bare[0] as { count: unknown }).count === 'bigint';
      const serialiseError = await errorOf(async () => Response.json(bare));
      return [bigint && /serialize a BigInt/.test(serialiseError), `: ${serialiseError || 'no error'}`];
    },
  },
  {
    message: "poolfix's COUNT(...)::int comes back as a number and serialises",
    async test(prisma) {
      const cast = await prisma.$queryRawUnsafe(`SELECT COUNT(t."assessment_date")::int AS count FROM "assessments" t`);
      return [typeof (cast[0] as { count: unknown }).count === 'number' && !(await errorOf(async () => Response.json(cast))), ''];
    },
  },
];

async function main(): Promise<number> {
  const { values: args } = parseArgs({ options: { app: { type: 'string' }, 'not-run': { type: 'string' } } });
  let prisma: RawPrisma | undefined;
  let why = args['not-run'];
  if (!why && !args.app) why = 'seed-sql.ts: --app DIR is required';
  if (!why) {
    try {
      ({ prisma } = (await import(pathToFileURL(join(args.app!, 'lib/prisma.ts')).href)) as { prisma: RawPrisma });
    } catch (error) {
      why = `the app's Prisma client did not load: ${messageOf(error)}`;
    }
  }
  let failed = 0;
  for (const { message, test } of CHECKS) {
    let line: string;
    if (prisma) {
      const [passed, detail] = await test(prisma).catch((error): [boolean, string] => [false, `: threw ${messageOf(error)}`]);
      line = `${passed ? 'PASS' : 'FAIL'}  ${message}${detail}`;
    } else {
      line = `FAIL  ${message}: not judged, ${why}`;
    }
    console.log(line);
    if (line.startsWith('FAIL')) failed++;
  }
  await prisma?.$disconnect();
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
