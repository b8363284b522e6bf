import { stepTwo } from './two';

export async function stepOne(id: number) {
  return stepTwo(id);
}
