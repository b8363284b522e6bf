import { dbRead } from '../../../lib/db.min.js';

// `dbRead` is no client name poolfix knows: only lib/db.min.js could tell, and it is left out as minified.
export async function GET() {
  const [users, posts] = await Promise.all([dbRead.user.findMany(), dbRead.post.findMany()]);
  return Response.json({ users, posts });
}
