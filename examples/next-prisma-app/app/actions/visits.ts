'use server';

import { prisma } from '../../lib/prisma';

// A mentor's visits in numbers, for the visit form's sidebar (a Server Action).
export async function getVisitSummary(mentorId: number) {
  const [total, completed, scheduled, schools, latest] = await Promise.all([
    prisma.mentoringVisit.count({ where: { mentor_id: mentorId } }),
    prisma.mentoringVisit.count({ where: { mentor_id: mentorId, status: 'completed' } }),
    prisma.mentoringVisit.count({ where: { mentor_id: mentorId, status: 'scheduled' } }),
    prisma.userPilotSchoolAssignment.count({ where: { user_id: mentorId } }),
    prisma.mentoringVisit.aggregate({ where: { mentor_id: mentorId }, _max: { visit_date: true } }),
  ]);
  return { total, completed, scheduled, schools, lastVisit: latest._max.visit_date };
}
