import { prisma } from './db';
import { loadParent } from './parents';

// A folder and its ancestors: one query per level, as deep as the tree is.
export async function loadFolder(id: number): Promise<unknown> {
  const folder = await prisma.folder.findUnique({ where: { id } });
  if (folder?.parentId) await loadParent(folder.parentId);
  return folder;
}
