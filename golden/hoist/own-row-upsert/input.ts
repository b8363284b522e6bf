// An upsert by sku that creates the row under that same sku: the lookup forgets the sku, and
// a later line with it reads the row the upsert left.
export async function importNames(lines: { sku: string; name: string }[]) {
  const known: boolean[] = [];
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { sku: line.sku } });
    known.push(product !== null);
    await prisma.product.upsert({
      where: { sku: line.sku },
      update: { name: line.name },
      create: { sku: line.sku, name: line.name, stock: 0 },
    });
  }
  return known;
}
