let khmer = 0
let math = 0

export async function refresh(subjects: string[], skip: boolean) {
  if (skip)
  ;[khmer, math] = await Promise.all(subjects.map((subject) => prisma.assessment.count({ where: { subject } })))
  return { khmer, math }
}
