import { loadOther } from '../../../lib/other';

export async function GET() {
  return Response.json(await loadOther());
}
