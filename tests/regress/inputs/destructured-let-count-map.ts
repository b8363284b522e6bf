if (ready) log()
;[khmer, math] = await Promise.all(subjects.map((subject) => prisma.assessment.count({ where: { subject } })))
let khmer = 0
let math = 0
