import { db } from './db';

export async function projectStats({ keyId }: { keyId: string }) {
  const [projects, events] = await Promise.all([
    db.project.count({ where: { keyId } }),
    db.event.count({ where: { keyId } }),
  ]);
  return Response.json({ projects, events });
}
