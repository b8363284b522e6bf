import { normalizeLine } from './lines';

// `normalizeLine` sees the line before the read and may rewrite its product id (an alias
// resolved to the real product): the key is only known once it has run.
export async function resolve(lines: { productId: number }[]) {
  const names: string[] = [];
  for (const line of lines) {
    normalizeLine(line);
    const product = await prisma.product.findUnique({ where: { id: line.productId } });
    names.push(product?.name ?? 'unknown');
  }
  return names;
}
