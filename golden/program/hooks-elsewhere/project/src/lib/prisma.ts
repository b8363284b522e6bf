import { PrismaClient } from '@prisma/client';

// One client for the whole app; nothing is hooked here.
export const prisma = new PrismaClient();
