import { stepFive } from './five';

export async function stepFour(id: number) {
  return stepFive(id);
}
