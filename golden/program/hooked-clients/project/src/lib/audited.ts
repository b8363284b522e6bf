import { PrismaClient } from '@prisma/client';

const client = new PrismaClient();

// Every operation is logged.
client.$use(async (params, next) => {
  const result = await next(params);
  console.log(params.model, params.action);
  return result;
});

export { client as audited };
