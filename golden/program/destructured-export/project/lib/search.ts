import { db } from './db';

export async function reindexProject(projectId: string) {
  const pages = await db.page.findMany({ where: { projectId }, take: 100 });
  await db.searchIndex.deleteMany({ where: { projectId } });
  return pages.length;
}
