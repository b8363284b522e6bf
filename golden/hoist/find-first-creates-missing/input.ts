// One movement per product at most: a line whose product has none creates it, then stamps
// its quantity on the row it created. A created row is one the lookup never holds (it holds
// what the read before the loop found), and a key without a row is read as written each
// time, so a product on two lines finds, on the second, the movement the first created.
export async function record(lines: { productId: number; quantity: number }[]) {
  let created = 0;
  for (const line of lines) {
    const movement = await prisma.movement.findFirst({ where: { productId: line.productId } });
    if (movement) continue;
    const row = await prisma.movement.create({ data: { productId: line.productId, quantity: 0 } });
    await prisma.movement.update({ where: { id: row.id }, data: { quantity: line.quantity } });
    created++;
  }
  return created;
}
