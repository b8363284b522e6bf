async function adminStats(prisma) {
  const [
    totalStudents, // everyone enrolled
    activeStudents,
    /* assessments of every cycle */
    totalAssessments,
    // schools in the pilot
    totalSchools,
    totalMentoringVisits, /* visits */
    atRiskStudents // below the threshold
  ] = await Promise.all([
    // students first
    prisma.student.count(), // everyone enrolled
    prisma.student.count({ where: { is_active: true } }),
    /* assessments of every cycle */
    prisma.assessment.count(),
    // schools in the pilot
    // (including inactive ones)
    prisma.pilotSchool.count(),
    prisma.mentoringVisit.count(), /* visits */
    prisma.student.count({ where: { at_risk: true } }) // below the threshold
  ]);
  return { totalStudents, activeStudents, totalAssessments, totalSchools, totalMentoringVisits, atRiskStudents };
}
