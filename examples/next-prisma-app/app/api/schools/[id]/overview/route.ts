import { getSchoolOverview } from '../../../../../lib/school-service';

// The handler only delegates: its queries are the service's.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const overview = await getSchoolOverview(parseInt(id));
  if (!overview.school) return Response.json({ error: 'School not found' }, { status: 404 });
  return Response.json(overview);
}
