import { PrismaClient } from '@prisma/client';

// Every product read hides products with a negative stock (written off).
const prisma = new PrismaClient().$extends({
  query: {
    product: {
      async findUnique({ args, query }) {
        const found = await query(args);
        return found && found.stock >= 0 ? found : null;
      },
    },
  },
});

// The reads run on the transaction client, and the client's query hooks run for its
// transaction too: one findMany before the loop would not go through the findUnique hook, so
// the reads stay where they are.
export async function countIn(arrivals: { productId: number; quantity: number }[]) {
  return prisma.$transaction(async (tx) => {
    const known: number[] = [];
    for (const arrival of arrivals) {
      const product = await tx.product.findUnique({ where: { id: arrival.productId } });
      if (product) known.push(product.id);
    }
    return known;
  });
}
