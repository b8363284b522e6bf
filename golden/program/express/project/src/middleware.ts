import { prisma } from './db';

export async function requireUser(req: any, res: any, next: () => void) {
  req.user = await prisma.user.findUnique({ where: { token: req.headers.authorization } });
  next();
}
