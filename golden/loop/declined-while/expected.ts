export async function drain() {
  let batch = await prisma.assessment.findMany({ where: { is_temporary: true }, take: 100 });
  while (batch.length > 0) {
    await prisma.assessment.deleteMany({ where: { id: { in: batch.map((a) => a.id) } } });
    batch = await prisma.assessment.findMany({ where: { is_temporary: true }, take: 100 });
  }
}
