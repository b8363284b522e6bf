import { db } from './db';

type Options = {
  scope: string;
  handler: (ctx: { req: Request; keyId: string }) => Promise<Response>;
  onError?: (error: unknown) => Response;
};

// Checks the API key on every request, then runs the handler it was given.
export function withApiKey(options: Options) {
  return async (req: Request) => {
    const key = await db.apiKey.findUniqueOrThrow({ where: { token: req.headers.get('x-api-key') ?? '' } });
    return options.handler({ req, keyId: key.id });
  };
}
