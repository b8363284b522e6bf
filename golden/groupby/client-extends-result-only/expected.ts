import { PrismaClient } from '@prisma/client';

// A result extension adds a computed field to rows; it does not hook counts.
const prisma = new PrismaClient().$extends({
  result: {
    student: {
      label: { needs: { name: true }, compute: (student) => student.name.toUpperCase() },
    },
  },
});

export async function perLevel(levels: string[]) {
  const assessmentLevelGroups = await prisma.assessment.groupBy({
    by: ['level'],
    _count: { _all: true },
  });
  const assessmentCountsByLevel = new Map(assessmentLevelGroups.map((group) => [group.level, group._count._all] as const));
  return levels.map((level) => assessmentCountsByLevel.get(level) ?? 0);
}
