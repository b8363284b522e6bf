import { stepOne } from '../../../lib/one';

export async function GET() {
  return Response.json(await stepOne(1));
}
