import { PrismaPg } from '@prisma/adapter-pg';

import { PrismaClient } from '../generated/prisma/client';
import { pool } from './pool';

export const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
