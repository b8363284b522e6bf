import { prisma } from './db';

type Handler = (context: { req: Request; workspace: { id: number } }) => Promise<Response>;

// Every request: the session, then its workspace, before the handler runs.
export function withWorkspace(handler: Handler) {
  return async (req: Request) => {
    const session = await prisma.session.findUnique({ where: { token: req.headers.get('x-token') ?? '' } });
    const workspace = await prisma.workspace.findFirstOrThrow({ where: { ownerId: session?.userId } });
    return handler({ req, workspace });
  };
}
