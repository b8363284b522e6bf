export async function firstTwo(subjects: string[]) {
  let khmer = 0
  let math = 0
  ;[khmer, math] = await Promise.all(subjects.map((subject) => prisma.assessment.count({ where: { subject } })))
  return { khmer, math }
}
