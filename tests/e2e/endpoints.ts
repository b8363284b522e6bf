// Every route handler of examples/next-prisma-app, the requests the harness sends to it, and
// what a correct rewrite may change in its response.
//
// `limitable` lists the response lists that come straight from a to-many relation nested
// under include/select without a `take`: the lists the opt-in `take` pass (--pass take) may
// bound, and does bound in the copy rewritten with it. The default passes change no result:
// there, and for every other list, lists come back identical. `ordered` says whether the
// relation has an orderBy that makes the first N items well defined (see compare-json.ts for
// how each kind is checked).
//
// `fanOut` marks requests whose handler runs more than the batch size of queries in one
// Promise.all in the original: those must peak above it before the rewrite and at or below it
// after. It is written out here, from the code, rather than inferred from the measurements.
import type { ListRule } from './compare-json';

export type EndpointRequest = {
  query?: string; // e.g. '?page=2'
  note?: string; // shown in the table
  params?: Record<string, string>;
  expectStatus: number;
  fanOut?: boolean;
  mutates?: boolean; // sent once; never repeated for the determinism check
};

export type Endpoint = {
  route: string; // URL path; the handler is app/<route>/route.ts
  method: 'GET' | 'POST' | 'DELETE';
  requests: EndpointRequest[];
  limitable?: ListRule[];
};

export const ENDPOINTS: Endpoint[] = [
  {
    route: '/api/reports/dashboard',
    method: 'GET',
    requests: [
      { expectStatus: 200, fanOut: true },
      { query: '?school_id=1', expectStatus: 200, fanOut: true },
    ],
    limitable: [{ path: 'students[].assessments', ordered: false }],
  },
  {
    // A count-only month loop: the e2e also rewrites it with --aggregate sql.
    route: '/api/reports/monthly-counts',
    method: 'GET',
    requests: [
      { query: '?subject=khmer', expectStatus: 200 },
      { query: '?subject=math', expectStatus: 200 },
    ],
  },
  {
    // A month loop that counts and sums an Int per month: one $queryRaw with --aggregate auto.
    route: '/api/reports/monthly-enrolment',
    method: 'GET',
    requests: [{ expectStatus: 200 }],
  },
  {
    // A month loop inside prisma.$transaction(async (tx) => ..., { isolationLevel }): two
    // counts per month become two findMany on `tx`, in the callback, read in the same snapshot.
    route: '/api/reports/verified-months',
    method: 'GET',
    requests: [
      { query: '?school_id=1', expectStatus: 200 },
      { note: 'no such school: every month 0', query: '?school_id=9999', expectStatus: 200 },
    ],
  },
  {
    // A window loop with a variable trip count and an aggregate per day (Date setters).
    route: '/api/reports/daily-activity',
    method: 'GET',
    requests: [
      { query: '?days=21', expectStatus: 200 },
      { note: 'no days', query: '?days=0', expectStatus: 200 },
    ],
  },
  {
    // A for-of loop over precomputed buckets: two counts in a Promise.all and an aggregate.
    route: '/api/reports/term-summary',
    method: 'GET',
    requests: [{ expectStatus: 200 }],
  },
  {
    route: '/api/rbac/dashboard',
    method: 'GET',
    requests: [{ expectStatus: 200, fanOut: true }],
    limitable: [{ path: 'recentActivities[].user_pilot_school_assignments', ordered: false }],
  },
  {
    route: '/api/rbac/users',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?role=coordinator', expectStatus: 200 },
      { query: '?search=sok&limit=5', expectStatus: 200 },
    ],
    limitable: [{ path: 'users[].assigned_schools', ordered: true }],
  },
  {
    route: '/api/public/assessment-data',
    method: 'GET',
    requests: [
      { query: '?subject=khmer', expectStatus: 200, fanOut: true },
      { query: '?subject=math', expectStatus: 200, fanOut: true },
    ],
  },
  {
    route: '/api/dashboard/admin-stats',
    method: 'GET',
    requests: [{ expectStatus: 200, fanOut: true }],
    limitable: [{ path: 'atRiskStudentsData[].assessments', ordered: true }],
  },
  {
    route: '/api/dashboard/mentor-stats',
    method: 'GET',
    requests: [
      { query: '?mentor_id=5', expectStatus: 200, fanOut: true },
      { note: 'no mentor_id', expectStatus: 400 },
    ],
  },
  {
    route: '/api/dashboard/stats',
    method: 'GET',
    requests: [{ expectStatus: 200 }],
  },
  {
    route: '/api/administration/stats',
    method: 'GET',
    requests: [{ expectStatus: 200, fanOut: true }],
  },
  {
    route: '/api/dashboard/viewer-stats',
    method: 'GET',
    requests: [{ expectStatus: 200 }],
  },
  {
    route: '/api/students/[id]/assessment-history',
    method: 'GET',
    requests: [
      { params: { id: '9' }, expectStatus: 200 },
      { params: { id: '150' }, expectStatus: 200 },
      { params: { id: '9999' }, expectStatus: 404 },
    ],
  },
  {
    // Counts per school that differ only in the cycle (one groupBy by school and cycle) and an
    // aggregate per school (a school without students: null sums and averages, a count of 0).
    route: '/api/schools/cycle-progress',
    method: 'GET',
    requests: [{ expectStatus: 200, fanOut: true }],
  },
  {
    // Counts per school in a callback that also guards (a pure condition, then null), logs,
    // counts one more thing under an if, and computes a percentage: only the counts become
    // lookups, the rest stays where it is.
    route: '/api/schools/completion',
    method: 'GET',
    requests: [
      { expectStatus: 200, fanOut: true },
      { query: '?province=Battambang', expectStatus: 200, fanOut: true },
    ],
  },
  {
    // A findUnique and a findFirst (newest first) per requested id: one findMany each.
    route: '/api/students/latest-assessments',
    method: 'GET',
    requests: [
      { query: '?ids=9,150,1,9999,9,40,41,42', expectStatus: 200, fanOut: true },
      { note: 'no ids', expectStatus: 200 },
    ],
  },
  {
    route: '/api/schools',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?province=Battambang', expectStatus: 200 },
    ],
  },
  {
    route: '/api/users',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?role=teacher&page=2&limit=5', expectStatus: 200 },
    ],
  },
  {
    route: '/api/assessments',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      {
        query: '?subject=math&assessment_type=midline&page=2',
        expectStatus: 200,
      },
    ],
  },
  {
    route: '/api/mentoring-visits',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?mentor_id=5', expectStatus: 200 },
    ],
  },
  {
    route: '/api/assessments/verification',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?status=verified&subject=khmer', expectStatus: 200 },
    ],
  },
  {
    route: '/api/classes',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?school_id=1', expectStatus: 200 },
    ],
    limitable: [{ path: 'classes[].students', ordered: true }],
  },
  {
    route: '/api/students/enriched',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?school_id=1&class_id=1&limit=10', expectStatus: 200 },
    ],
  },
  {
    // One findMany with its own take per school: `bound` runs the callbacks 4 at a time.
    route: '/api/schools/recent-assessments',
    method: 'GET',
    requests: [{ expectStatus: 200, fanOut: true }],
  },
  {
    // Per school in a loop: a findFirst (latest visit) and a count (students): `hoist` reads
    // both once before the loop.
    route: '/api/schools/visit-summary',
    method: 'GET',
    requests: [{ expectStatus: 200 }],
  },
  {
    // Per assessment in a loop: a findUnique of its student, hoisted into one findMany.
    route: '/api/assessments/recent-with-students',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?limit=5', expectStatus: 200 },
    ],
  },
  {
    // Per level label, two counts with a key computed from the label (lower case, no spaces), and
    // per grade 1-6 a count over Array.from indexes: `groupby` counts each in one groupBy.
    // "Comprehension 2" matches no row: its counts stay 0.
    route: '/api/reports/level-breakdown',
    method: 'GET',
    requests: [{ expectStatus: 200 }],
  },
  {
    // Promise.allSettled over pasted codes, one findFirstOrThrow each (Prisma would batch
    // findUnique calls of one tick into one query): `bound` runs them a few at a time with the
    // same settled results (PS-404 has no school: rejected).
    route: '/api/schools/lookup',
    method: 'GET',
    requests: [
      { expectStatus: 200, fanOut: true },
      { query: '?codes=PS-404', expectStatus: 200 },
    ],
  },
  {
    // Per student in a loop, a count keyed by the nullable class_id: `hoist` counts every
    // class in one groupBy; a student without a class (NULL) still runs its own count.
    route: '/api/students/class-sizes',
    method: 'GET',
    requests: [
      { expectStatus: 200 },
      { query: '?school_id=2', expectStatus: 200 },
    ],
  },
  {
    // A handler that only calls a service: the rewrite is in lib/school-service.ts.
    route: '/api/schools/[id]/overview',
    method: 'GET',
    requests: [
      { params: { id: '1' }, expectStatus: 200, fanOut: true },
      { params: { id: '999' }, expectStatus: 404, fanOut: true },
    ],
  },
  {
    // A wrapper (lib/with-mentor.ts) around a Server Action (app/actions/visits.ts): the
    // rewrite is in the action's file.
    route: '/api/mentoring-visits/summary',
    method: 'GET',
    requests: [
      { query: '?mentor_id=5', expectStatus: 200, fanOut: true },
      { query: '?mentor_id=1', note: 'not a mentor', expectStatus: 404 },
    ],
  },
  {
    // An N+1 loop that writes the rows it reads: one findMany before the loop, and a student
    // whose row the loop wrote is read again. Student 9 (grade 4) is listed three times: it
    // moves to 5, then 6, and the third step must see 6 and stop (a stale row would say 4 and
    // promote it to 7). 9999 does not exist. It changes grades: after every GET.
    route: '/api/students/promote',
    method: 'POST',
    requests: [{ query: '?ids=9,150,9,9999,41,9', expectStatus: 200, mutates: true }],
  },
  {
    // The same N+1 shape inside prisma.$transaction(async (tx) => ...): the findMany runs on
    // `tx`, in the callback, before the loop. Class 2 is school 1's 5A. Student 8 (no class) is
    // listed twice: the second step must see class 2, which the first one wrote in the same
    // transaction (a stale row would say null and move it again); 15 moves from class 1, 20 is
    // there already. Then a refusal and an unknown student: the throw rolls back the steps
    // before it (14 stays in class 1), which the response shows.
    route: '/api/classes/assign',
    method: 'POST',
    requests: [
      { query: '?class_id=2&ids=8,15,8,20', expectStatus: 200, mutates: true },
      { note: 'other school: rolled back', query: '?class_id=2&ids=14,45', expectStatus: 409, mutates: true },
      { note: 'unknown student: rolled back', query: '?class_id=1&ids=3,9999', expectStatus: 404, mutates: true },
    ],
  },
  // Last: the second request deletes a school, and every request after it would see that.
  {
    route: '/api/schools',
    method: 'DELETE',
    requests: [
      { note: 'refused', query: '?id=1', expectStatus: 400 },
      { note: 'empty school', query: '?id=13', expectStatus: 200, mutates: true },
    ],
  },
];

// The handlers of the incident: the largest Promise.all fan-outs.
export const INCIDENT_ROUTES = ['/api/reports/dashboard', '/api/rbac/dashboard'];

export function endpointName(endpoint: Endpoint, request: EndpointRequest): string {
  const method = endpoint.method === 'GET' ? '' : `${endpoint.method} `;
  const params = Object.entries(request.params ?? {}).map(([key, value]) => ` ${key}=${value}`).join('');
  const note = request.note ? ` (${request.note})` : '';
  return `${method}${endpoint.route}${request.query ?? ''}${params}${note}`;
}
