import { db } from '../../../lib/db';
import { sendDigest } from '../../../lib/mail';
import { platformTheme, themeFor } from '../../../lib/theme';

export async function POST() {
  const members = await db.member.findMany({ where: { digest: true }, take: 200 });
  for (const member of members) {
    // One arm or the other runs on each iteration: the larger, 2 queries, counts.
    const theme = member.workspaceId ? await themeFor(member.workspaceId) : await platformTheme();
    await sendDigest(member.email, theme);
  }
  return new Response(null, { status: 204 });
}
