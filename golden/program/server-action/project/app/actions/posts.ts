'use server';

import { prisma } from '../../lib/db';
import { audit } from '../../lib/audit';

export async function createPost(title: string) {
  const post = await prisma.post.create({ data: { title } });
  await audit('post.create');
  return post;
}

export async function archivePost(id: number) {
  await prisma.post.update({ where: { id }, data: { archived: true } });
}
