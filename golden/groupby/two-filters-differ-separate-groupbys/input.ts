// The two counts differ in two filters (subject and cycle): no one split field, so one groupBy each.
export async function pairs(levels: string[]) {
  const rows = await Promise.all(
    levels.map(async (level) => {
      const khmerBaseline = await prisma.assessment.count({ where: { level, subject: 'khmer', assessment_type: 'baseline' } });
      const mathEndline = await prisma.assessment.count({ where: { level, subject: 'math', assessment_type: 'endline' } });
      return [khmerBaseline, mathEndline];
    }),
  );
  return rows;
}
