// An upsert by sku that creates the row under that same sku: the lookup forgets the sku, and
// a later line with it reads the row the upsert left.
export async function importNames(lines: { sku: string; name: string }[]) {
  const known: boolean[] = [];
  const productKeys = lines.map((line) => line.sku);
  const productRows = await prisma.product.findMany({ where: { sku: { in: productKeys } } });
  const productBySku = new Map<unknown, (typeof productRows)[number] | null>(productKeys.map((key) => [key, null] as const));
  for (const row of productRows) productBySku.set(row.sku, row);
  for (const line of lines) {
    const product = !productBySku.has(line.sku) ? await prisma.product.findUnique({ where: { sku: line.sku } }) : productBySku.get(line.sku) ?? null;
    known.push(product !== null);
    productBySku.delete(line.sku);
    await prisma.product.upsert({
      where: { sku: line.sku },
      update: { name: line.name },
      create: { sku: line.sku, name: line.name, stock: 0 },
    });
  }
  return known;
}
