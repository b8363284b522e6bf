import { serve } from '@upstash/workflow/nextjs';
import { db } from '../../../../lib/db';
import { reindexProject } from '../../../../lib/search';

// A workflow's handlers come back from `serve`: POST runs the callback on every delivery.
export const { POST } = serve<{ projectId: string }>(async (context) => {
  const { projectId } = context.requestPayload;
  const count = await context.run('reindex', () => reindexProject(projectId));
  await db.job.create({ data: { projectId, count } });
});
