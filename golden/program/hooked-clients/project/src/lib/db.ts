// The name most of the app imports.
export { prisma as db } from './prisma';
