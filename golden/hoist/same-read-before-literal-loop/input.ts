// The loop runs over a literal of three sizes: it always runs, so the read once before it
// needs no guard.
export async function sizeLabels() {
  const sizes = ['small', 'medium', 'large'];
  const labels: string[] = [];
  for (const size of sizes) {
    const reference = await prisma.product.findFirst({ where: { sku: 'REFERENCE' }, select: { name: true } });
    labels.push(`${reference?.name ?? 'unknown'} ${size}`);
  }
  return labels;
}
