export async function perTagSet(tagSets: string[][]) {
  return await Promise.all(tagSets.map((tags) => prisma.post.count({ where: { tags } })));
}
