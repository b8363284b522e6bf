import handler from '../weekly';
import { weeklyReport } from '~/reports';

// A test beside the route: it calls the same code, but it is no endpoint.
export default async function run() {
  await weeklyReport(1);
  await handler({ query: { team: '1' } } as never, { json() {} } as never);
}
