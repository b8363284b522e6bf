import { listOrders } from '@/services/orders';

// The handler only delegates: the queries are in the service.
export async function GET() {
  const orders = await listOrders();
  return Response.json(orders);
}
