import { prisma } from '../../../lib/db.min.js';

// Whether this client is hooked is asked of lib/db.min.js too.
export async function GET() {
  const [posts, tags] = await Promise.all([prisma.post.findMany(), prisma.tag.findMany()]);
  return Response.json({ posts, tags });
}
