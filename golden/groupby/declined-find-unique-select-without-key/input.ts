export async function names(ids: number[]) {
  return await Promise.all(ids.map((id) => prisma.student.findUnique({ where: { id }, select: { name: true } })));
}
