import { loadUser } from '../../../../lib/users';

export async function POST(req: Request) {
  const { ids } = (await req.json()) as { ids: number[] };
  const users = [];
  for (const id of ids) users.push(await loadUser(id));
  return Response.json(users);
}
