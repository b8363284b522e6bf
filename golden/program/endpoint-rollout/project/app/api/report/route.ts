import { loadReport } from '../../../lib/report';

export async function GET() {
  return Response.json(await loadReport());
}
