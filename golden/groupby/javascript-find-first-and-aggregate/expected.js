// JavaScript: no types in the copy functions.
export async function cards(students) {
  return await Promise.all(
    students.map(async (student) => {
      const latest = await prisma.assessment.findFirst({
        where: { student_id: student.id },
        orderBy: { assessed_date: 'desc' },
      });
      const dates = await prisma.assessment.aggregate({ where: { student_id: student.id }, _min: { assessed_date: true } });
      return { name: student.name, latest, first: dates._min.assessed_date };
    }),
  );
}
