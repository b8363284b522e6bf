export const teamRouter = router({
  byId: protectedProcedure.input(z.object({ id: z.number() })).query(async ({ input }) => {
    const team = await prisma.team.findUnique({ where: { id: input.id }, include: { members: true } });
    if (!team) throw new TRPCError({ code: 'NOT_FOUND' });
    return team;
  }),
});
