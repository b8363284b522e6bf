import { PrismaClient } from '@prisma/client';
import { withTenant } from './tenant-extension';

// Every query is scoped to the tenant of the request.
const client = new PrismaClient().$extends(withTenant());

export default { client, name: 'tenant' };
