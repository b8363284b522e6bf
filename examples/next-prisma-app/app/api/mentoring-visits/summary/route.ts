import { getVisitSummary } from '../../../actions/visits';
import { withMentor } from '../../../../lib/with-mentor';

// The same summary for API clients: the wrapper finds the mentor, the Server Action counts.
export const GET = withMentor(async (_request, mentor) => {
  const summary = await getVisitSummary(mentor.id);
  return Response.json({ mentor, summary });
});
