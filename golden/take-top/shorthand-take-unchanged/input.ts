export async function page(skip: number, take: number) {
  return prisma.assessment.findMany({ orderBy: { id: 'asc' }, skip, take });
}
