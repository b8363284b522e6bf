// Three counts per student that differ only in the test cycle: one groupBy by student and cycle.
export async function progressByStudent(students: { id: number; name: string }[]) {
  const progress = await Promise.all(
    students.map(async (student) => {
      const atBaseline = await prisma.assessment.count({
        where: { student_id: student.id, is_temporary: false, assessment_type: 'baseline' },
      });
      const atMidline = await prisma.assessment.count({
        where: { student_id: student.id, is_temporary: false, assessment_type: 'midline' },
      });
      const atEndline = await prisma.assessment.count({
        where: { student_id: student.id, is_temporary: false, assessment_type: 'endline' },
      });
      return { name: student.name, atBaseline, atMidline, atEndline };
    }),
  );
  return progress;
}
