export async function GET() {
  const rows = await prisma.assessment.findMany({ orderBy: { id: 'asc' } });
  return new Response(toCsv(rows), { headers: { 'content-type': 'text/csv' } });
}
