import { prisma } from './db';

export const invoiceService = {
  list: async (customerId: number) => prisma.invoice.findMany({ where: { customerId }, take: 10 }),
  total(customerId: number) {
    return prisma.invoice.aggregate({ where: { customerId }, _sum: { amount: true } });
  },
};
