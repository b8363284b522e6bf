import * as stats from '../../../lib/stats';
import loadProfile from '../../../lib/profile';

export async function GET() {
  const [posts, comments] = await Promise.all([stats.countPosts(), stats.countComments()]);
  const profile = await loadProfile(1);
  return Response.json({ posts, comments, profile });
}
