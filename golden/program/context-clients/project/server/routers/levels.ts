import { procedure, router } from '../trpc';

export const levelsRouter = router({
  // `ctx.prisma` is what createContext puts there: the plain client.
  counts: procedure.query(async ({ ctx }) => {
    const levels = ['beginner', 'letter', 'word'];
    const counts = await Promise.all(levels.map((level) => ctx.prisma.assessment.count({ where: { level } })));
    return counts;
  }),
  // No context creator names `db`: it may be the scoped client.
  subjects: procedure.query(async ({ ctx }) => {
    const subjects = ['khmer', 'math'];
    const counts = await Promise.all(subjects.map((subject) => ctx.db.assessment.count({ where: { subject } })));
    return counts;
  }),
});
