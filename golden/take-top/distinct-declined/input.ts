export async function GET() {
  const levels = await prisma.assessment.findMany({ distinct: ['level'], select: { level: true } });
  return Response.json(levels);
}
