// Rapport hebdomadaire — élèves, évaluations, écoles « pilotes » 📊
const LABELS = { fr: 'Élèves', km: 'សិស្ស', ja: '生徒' };

export async function GET() {
  const title = 'Tableau de bord — 概要 — ផ្ទាំងគ្រប់គ្រង';
  const [élèves, évaluations, écoles] = await Promise.all([
    prisma.student.count({ where: { name: { startsWith: 'É' } } }),
    prisma.assessment.count(),
    prisma.pilotSchool.count({ where: { school_name: { contains: 'សាលា' } } }),
  ]);
  const [utilisateurs, visites] = await Promise.all([
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  return Response.json({ title, LABELS, élèves, évaluations, écoles, utilisateurs, visites });
}
