import { getTeam, getUser } from '../../../../lib/data';

export async function GET(req: Request, { params }: { params: { slug: string } }) {
  const [team, user] = await Promise.all([getTeam(params.slug), getUser(req.headers.get('x-user') ?? '')]);
  return Response.json({ team, user });
}
