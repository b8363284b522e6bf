import { withApiKey } from '../../../lib/api';
import { db } from '../../../lib/db';

// The handler is written in the options object, beside other settings.
export const POST = withApiKey({
  scope: 'write',
  handler: async ({ req, keyId }) => {
    const { name } = await req.json();
    return Response.json(await db.project.create({ data: { name, keyId } }));
  },
  onError: () => new Response('failed', { status: 500 }),
});
