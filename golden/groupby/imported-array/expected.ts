import { SUBJECTS } from "./constants";

// The mapped array is imported: it may be a readonly tuple, so the groupBy gets a copy.
export async function GET() {
  const assessmentSubjectGroups = await prisma.assessment.groupBy({
    by: ["subject"],
    where: { subject: { in: [...SUBJECTS] } },
    _count: { _all: true }
  });
  const assessmentCountsBySubject = new Map(assessmentSubjectGroups.map((group) => [group.subject, group._count._all] as const));
  const counts = SUBJECTS.map((subject) => assessmentCountsBySubject.get(subject) ?? 0);
  return Response.json(counts);
}
