const studentInclude = { assessments: true } as const;

export async function GET() {
  const students = await prisma.student.findMany({ include: studentInclude, take: 10 });
  return Response.json(students);
}
