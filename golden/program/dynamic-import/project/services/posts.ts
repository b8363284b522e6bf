import { db } from './db';

export async function archivePost(id: string) {
  const post = await db.post.update({ where: { id }, data: { archived: true } });
  await db.tagOnPost.deleteMany({ where: { postId: id } });
  return post;
}
