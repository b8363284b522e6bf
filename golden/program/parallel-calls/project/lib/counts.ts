import { prisma } from './db';

export const countUsers = () => prisma.user.count();
export const countTeams = () => prisma.team.count();
export const countProjects = () => prisma.project.count();
export const countTasks = () => prisma.task.count();
export const countComments = () => prisma.comment.count();
