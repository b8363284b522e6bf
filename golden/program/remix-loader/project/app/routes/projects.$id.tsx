import { prisma } from '../db.server';
import { getProject } from '../models/project.server';

export async function loader({ params }: { params: { id: string } }) {
  return { project: await getProject(params.id) };
}

export async function action({ params }: { params: { id: string } }) {
  await prisma.project.update({ where: { id: params.id }, data: { starred: true } });
  return null;
}

export default function Project() {
  return null;
}
