import type { Prisma } from '../../../../generated/prisma/client';
import { prisma } from '../../../../lib/prisma';

// Coordinators verify assessments before they count in the reports.
export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const status = searchParams.get('status') || 'pending';
    const subject = searchParams.get('subject');

    const where: Prisma.AssessmentWhereInput = {
      is_temporary: false,
      verified_at: status === 'verified' ? { not: null } : null,
    };
    if (subject) where.subject = subject;

    const assessments = await prisma.assessment.findMany({
      where,
      include: {
        student: {
          select: { id: true, name: true, grade: true },
        },
        added_by: {
          select: { id: true, name: true },
        },
        pilot_school: {
          select: { id: true, school_name: true },
        },
      },
      orderBy: [{ created_at: 'desc' }, { id: 'desc' }],
      take: 100,
    });

    return Response.json({ status, assessments, count: assessments.length });
  } catch (error) {
    console.error('Error fetching assessments to verify:', error);
    return Response.json({ error: 'Failed to fetch assessments' }, { status: 500 });
  }
}
