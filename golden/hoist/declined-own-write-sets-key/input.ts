// The update gives the row a new sku, the field the lookup is keyed by: the row would then
// answer for another key than the one forgotten. Declined.
export async function rename(lines: { sku: string; next: string }[]) {
  for (const line of lines) {
    const product = await prisma.product.findUnique({ where: { sku: line.sku } });
    if (!product) continue;
    await prisma.product.update({ where: { sku: line.sku }, data: { sku: line.next } });
  }
}
