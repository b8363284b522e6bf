// Whichever mirror answers first wins: race settles with the first callback to finish. Run in
// batches, the first batch would always win, so this fan-out is left as it is.
export async function fastestMirror(regions: string[]) {
  return Promise.race(regions.map((region) => prisma.mirror.findFirst({ where: { region, healthy: true } })));
}
