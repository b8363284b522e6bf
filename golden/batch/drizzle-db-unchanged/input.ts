import { eq } from 'drizzle-orm';
import { db } from '@/server/db';
import { posts, users } from '@/server/db/schema';

// Drizzle's `db`: its relational queries look like Prisma's but are not.
export async function dashboard(userId: string) {
  const [user, recent, drafts, comments, likes] = await Promise.all([
    db.query.users.findFirst({ where: eq(users.id, userId) }),
    db.query.posts.findMany({ where: eq(posts.authorId, userId), limit: 5 }),
    db.query.posts.findMany({ where: eq(posts.status, 'draft') }),
    db.query.comments.findMany({ limit: 10 }),
    db.query.likes.findMany({ limit: 10 }),
  ]);
  return { user, recent, drafts, comments, likes };
}
