import { prisma } from './db';
import { stepThree } from './three';

export async function stepTwo(id: number) {
  await prisma.visit.create({ data: { id } });
  return stepThree(id);
}
