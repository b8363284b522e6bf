import { rebalance } from './rebalance';

// `rebalance` receives the whole list and may reorder or extend it while the loop runs.
export async function pick(lines: { productId: number; quantity: number }[]) {
  const stock: number[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    stock.push(product?.stock ?? 0);
    rebalance(lines, line);
  }
  return stock;
}
