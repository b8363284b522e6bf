export async function stockLevels(skus) {
  const levels = []
  for (const sku of skus) {
    const product = await prisma.product.findUnique({ where: { sku }, select: { sku: true, stock: true } })
    levels.push(product ? product.stock : 0)
  }
  return levels
}
