import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();
// A second client with a pool of its own: its queries never wait for the shop's transactions.
export const audit = new PrismaClient();
