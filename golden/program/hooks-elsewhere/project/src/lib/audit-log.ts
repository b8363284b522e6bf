import { prisma } from './prisma';

// Registered once at start-up, from a file that runs no query of its own: every
// operation of the shared client is timed from here on.
prisma.$use(async (params, next) => {
  const started = Date.now();
  const result = await next(params);
  console.log(`${params.model}.${params.action} took ${Date.now() - started} ms`);
  return result;
});
