import { z } from 'zod';
import { prisma } from '../db';
import { getPost } from '../posts.service';
import { protectedProcedure, publicProcedure, router } from '../trpc';

export const postRouter = router({
  byId: publicProcedure.input(z.number()).query(({ input }) => getPost(input)),
  create: protectedProcedure
    .input(z.string())
    .mutation(async ({ input }) => prisma.post.create({ data: { title: input } })),
  admin: router({
    purge: protectedProcedure.mutation(() => prisma.post.deleteMany({ where: { archived: true } })),
  }),
});
