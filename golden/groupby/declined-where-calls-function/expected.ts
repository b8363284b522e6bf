import { currentSchool } from './session';

export async function counts(levels: string[]) {
  return await Promise.all(
    levels.map((level) => prisma.assessment.count({ where: { level, student: { school_id: currentSchool() } } })),
  );
}
