import { withApiKey } from '../../../lib/api';
import { projectStats } from '../../../lib/stats';

// The handler is named in the options object.
export const GET = withApiKey({ scope: 'read', handler: projectStats });
