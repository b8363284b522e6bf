import { SUBJECTS } from "./constants";

// The mapped array is imported: it may be a readonly tuple, so the groupBy gets a copy.
export async function GET() {
  const counts = await Promise.all(SUBJECTS.map((subject) => prisma.assessment.count({ where: { subject } })));
  return Response.json(counts);
}
