import { db } from './db';

export async function platformTheme() {
  const setting = await db.setting.findFirst({ where: { key: 'theme' } });
  return setting?.value ?? 'plain';
}

// Either the early return runs, or the rest of the function: 2 queries at most, not 3.
export async function themeFor(workspaceId: string | null) {
  if (!workspaceId) {
    return platformTheme();
  }
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  return workspace.customTheme ? workspace.theme : platformTheme();
}
