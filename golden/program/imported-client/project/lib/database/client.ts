import { PrismaClient } from '@prisma/client';

const globalForDb = globalThis as unknown as { database?: PrismaClient };

export const database = globalForDb.database ?? new PrismaClient();
