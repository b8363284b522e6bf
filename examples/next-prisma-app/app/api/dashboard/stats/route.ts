import { prisma } from '../../../../lib/prisma';

// Header cards: a failed count shows as 0 rather than failing the whole page.
export async function GET(request: Request) {
  const [totalStudents, totalAssessments, totalSchools, totalMentoringVisits] = await Promise.all([
    prisma.student.count().catch(() => 0),
    prisma.assessment.count().catch(() => 0),
    prisma.pilotSchool.count().catch(() => 0),
    prisma.mentoringVisit.count().catch(() => 0)
  ]);

  return Response.json({
    totalStudents,
    totalAssessments,
    totalSchools,
    totalMentoringVisits,
  });
}
