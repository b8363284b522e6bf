import { createSafeActionClient } from 'next-safe-action';
import { cookies } from 'next/headers';
import { db } from './db';

// Every action first checks that the workspace is not read-only.
export const actionClient = createSafeActionClient().use(async ({ next }) => {
  const flags = await db.workspaceFlags.findFirst();
  if (flags?.readOnly) throw new Error('read-only');
  return next();
});

// Signed-in actions also load the user.
export const signedInClient = actionClient.use(async ({ next }) => {
  const token = (await cookies()).get('session')?.value ?? '';
  const user = await db.user.findFirstOrThrow({ where: { sessions: { some: { token } } } });
  return next({ ctx: { user } });
});
