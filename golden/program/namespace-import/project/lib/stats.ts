import { prisma } from './db';

export const countPosts = () => prisma.post.count();
export const countComments = () => prisma.comment.count();
