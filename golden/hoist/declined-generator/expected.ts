// A generator is iterated once: reading every key before the loop would leave the loop
// nothing to run over.
function* batchIds(from: number, to: number) {
  for (let id = from; id < to; id++) yield id;
}

export async function names(from: number, to: number) {
  const ids = batchIds(from, to);
  const out: string[] = [];
  for (const id of ids) {
    const product = await prisma.product.findUnique({ where: { id } });
    out.push(product?.name ?? 'unknown');
  }
  return out;
}
