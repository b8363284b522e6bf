import { prisma } from '../../../lib/db';
import { withWorkspace } from '../../../lib/auth';

export const GET = withWorkspace(async ({ workspace }) => {
  const links = await prisma.link.findMany({ where: { workspaceId: workspace.id }, take: 50 });
  return Response.json(links);
});
