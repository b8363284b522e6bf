'use server';

import { z } from 'zod';
import { db } from '../../lib/db';
import { actionClient, signedInClient } from '../../lib/safe-action';

export const renameAction = signedInClient
  .metadata({ name: 'rename' })
  .inputSchema(z.object({ name: z.string() }))
  .action(async ({ parsedInput, ctx }) =>
    db.user.update({ where: { id: ctx.user.id }, data: { name: parsedInput.name } }),
  );

// Middleware added on the way runs too, after the client's own.
export const feedbackAction = actionClient
  .use(async ({ next }) => next())
  .action(async () => db.feedback.create({ data: { at: new Date() } }));
