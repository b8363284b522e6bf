import { PrismaClient } from '@prisma/client';

// Reports read through a client with no hooks.
const reporting = new PrismaClient();

export default reporting;
