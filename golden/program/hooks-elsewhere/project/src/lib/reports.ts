import { PrismaClient } from '@prisma/client';

// A second client for reports, with no hooks.
export default new PrismaClient();
