import { invoiceService } from '../../../../../lib/invoice-service';

export async function GET(req: Request, { params }: { params: { id: string } }) {
  const id = Number(params.id);
  const [invoices, total] = await Promise.all([invoiceService.list(id), invoiceService.total(id)]);
  return Response.json({ invoices, total });
}
