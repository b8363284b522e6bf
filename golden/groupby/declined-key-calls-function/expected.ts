import { canonicalLevel } from './levels';

export async function counts(levels: string[]) {
  return await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level: canonicalLevel(level) } })));
}
