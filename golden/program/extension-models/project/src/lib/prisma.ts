import { PrismaClient } from '@prisma/client';
import { softDeleteMembers } from './soft-delete';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function makeClient() {
  return new PrismaClient().$extends(softDeleteMembers);
}

export const prisma = globalForPrisma.prisma ?? makeClient();

// Beside the client: the extension it applies is imported, and hooks members only, so the
// invitation reads move before the loop here too.
export async function openInvites(emails: string[]) {
  const open: string[] = [];
  for (const email of emails) {
    const invite = await prisma.invite.findFirst({ where: { email, accepted: false } });
    if (invite) open.push(email);
  }
  return open;
}
