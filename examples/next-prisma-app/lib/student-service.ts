import type { Prisma } from '../generated/prisma/client';
import { prisma } from './prisma';

export const MAX_PAGE_SIZE = 50;
export const SUBJECTS = ['khmer', 'math'] as const;

export type StudentFilters = {
  schoolId?: number;
  classId?: number;
  page: number;
  limit: number;
};

export async function listStudents({ schoolId, classId, page, limit }: StudentFilters) {
  const take = Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
  const where: Prisma.StudentWhereInput = { is_active: true };
  if (schoolId) where.pilot_school_id = schoolId;
  if (classId) where.class_id = classId;

  const [students, total] = await Promise.all([
    prisma.student.findMany({
      where,
      select: {
        id: true,
        name: true,
        gender: true,
        grade: true,
        is_temporary: true,
        pilot_school: { select: { id: true, school_name: true } },
        class: { select: { id: true, name: true } },
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * take,
      take,
    }),
    prisma.student.count({ where }),
  ]);

  return { students, total, pageSize: take };
}

// The latest assessment of each student in each subject: at most one row per pair.
export async function getLatestAssessments(studentIds: number[]) {
  return prisma.assessment.findMany({
    where: { student_id: { in: studentIds }, subject: { in: [...SUBJECTS] } },
    select: {
      student_id: true,
      subject: true,
      level: true,
      assessment_type: true,
      assessed_date: true,
    },
    distinct: ['student_id', 'subject'],
    orderBy: [{ student_id: 'asc' }, { subject: 'asc' }, { assessed_date: 'desc' }, { id: 'desc' }],
    take: studentIds.length * SUBJECTS.length,
  });
}
