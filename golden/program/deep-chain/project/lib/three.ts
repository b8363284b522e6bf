import { stepFour } from './four';

export async function stepThree(id: number) {
  return stepFour(id);
}
