// The services are loaded lazily, inside the handler, to keep cold starts short.
export async function POST(req: Request) {
  const { id } = await req.json();
  const { archivePost: archive } = await import('../../../../services/posts');
  const audit = await import('../../../../services/audit');
  const post = await archive(id);
  await audit.record('archive', post.id);
  return Response.json(post);
}
