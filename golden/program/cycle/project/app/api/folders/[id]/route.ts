import { loadFolder } from '../../../../lib/folders';

export async function GET(req: Request, { params }: { params: { id: string } }) {
  return Response.json(await loadFolder(Number(params.id)));
}
