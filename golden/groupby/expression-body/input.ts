const CYCLES = ['baseline', 'midline', 'endline'] as const;

export async function cycleCounts(subject: string) {
  const counts = await Promise.all(CYCLES.map((cycle) => prisma.assessment.count({ where: { assessment_type: cycle, subject } })));
  return counts;
}
