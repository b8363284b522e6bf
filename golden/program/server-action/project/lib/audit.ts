import { prisma } from './db';

export function audit(action: string) {
  return prisma.auditLog.create({ data: { action } });
}
