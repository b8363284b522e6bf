import type { Prisma } from '../../../generated/prisma/client';
import { prisma } from '../../../lib/prisma';

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const page = parseInt(searchParams.get('page') || '1');
    const limit = Math.min(parseInt(searchParams.get('limit') || '20'), 100);
    const subject = searchParams.get('subject');
    const assessmentType = searchParams.get('assessment_type');
    const schoolId = searchParams.get('pilot_school_id');
    const skip = (page - 1) * limit;

    const where: Prisma.AssessmentWhereInput = {};
    if (subject) where.subject = subject;
    if (assessmentType) where.assessment_type = assessmentType;
    if (schoolId) where.pilot_school_id = parseInt(schoolId);

    const [assessments, total] = await Promise.all([
      prisma.assessment.findMany({
        where,
        include: {
          student: {
            select: { id: true, name: true, grade: true },
          },
          pilot_school: {
            select: { id: true, school_name: true },
          },
          added_by: {
            select: { id: true, name: true, role: true },
          },
        },
        skip,
        take: limit,
        orderBy: [{ assessed_date: 'desc' }, { id: 'desc' }],
      }),
      prisma.assessment.count({ where }),
    ]);

    return Response.json({
      data: assessments,
      pagination: { page, limit, total, pages: Math.ceil(total / limit) },
    });
  } catch (error) {
    console.error('Error fetching assessments:', error);
    return Response.json({ error: 'Failed to fetch assessments' }, { status: 500 });
  }
}
