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
  return await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level } })));
}
