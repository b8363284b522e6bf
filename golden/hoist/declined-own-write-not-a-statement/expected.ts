// The write is the body of an `if` without braces: there is no line of its own to forget the
// key on before it. Declined.
export async function empty(ids: number[]) {
  for (const id of ids) {
    const product = await prisma.product.findUnique({ where: { id } });
    if (product && product.stock > 0) await prisma.product.update({ where: { id }, data: { stock: 0 } });
  }
}
