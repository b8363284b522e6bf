export async function stockLevels(skus) {
  const levels = []
  const skusList = Array.from(skus)
  const productRows = await prisma.product.findMany({ where: { sku: { in: skusList.filter((key) => key != null) } }, select: { sku: true, stock: true } })
  const productBySku = new Map(productRows.map((row) => [row.sku, row]))
  for (const sku of skusList) {
    const product = sku == null ? await prisma.product.findUnique({ where: { sku }, select: { sku: true, stock: true } }) : productBySku.get(sku) ?? null
    levels.push(product ? product.stock : 0)
  }
  return levels
}
