// Calls the route handlers of one copy of the example app, the way Next.js would, and records
// each response with what it did to the connection pool.
//
//   tsx driver.ts --app DIR --out FILE [--hold-ms 25] [--incident] [--connect-timeout-ms N]
//
// The database and pool come from the app's own lib/pool.ts, configured by the environment
// (DATABASE_URL, DB_POOL_MAX, DB_CONNECT_TIMEOUT_MS, POOLFIX_NOW). One process drives one app:
// each copy gets its own modules, Prisma client and pool.
//
// DB_CONNECT_TIMEOUT_MS is the setup's generous timeout: the warm-up opens every connection of
// the pool under it, and may retry. Only then does --connect-timeout-ms (the incident's tight
// wait for a free connection) apply, to the pool under test. Idle connections are never
// closed, so no connection has to be opened under the tight timeout: on a busy machine a first
// connect is slow, and that is the harness's time, not the handler's.
//
// Every read-only request is sent twice and the second call is recorded: the first one warms
// Prisma and the pool up, and the two bodies must be identical (the data is deterministic, or
// comparing the original with a rewrite means nothing). With --incident, only the first request
// of each incident route is sent, once: there the first call is the one that matters.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import type { Pool } from 'pg';

import { ENDPOINTS, INCIDENT_ROUTES, endpointName, type Endpoint, type EndpointRequest } from './endpoints';
import { probePool, type PoolProbe, type ProbeReading } from './pool-probe';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallRecord = ProbeReading & {
  name: string;
  route: string;
  method: string;
  status: number;
  body: unknown;
  errorLog: string[]; // what the handler passed to console.error
  repeatable: boolean;
  repeatedSame?: boolean; // the warm-up call returned the same body
  ms: number;
  harnessError?: string; // the driver could not make this call (the handler never answered)
};

export type RunRecord = {
  app: string;
  holdMs: number;
  poolMax: number;
  calls: CallRecord[];
};

// How long a call's leftover queries may take to finish: generous, for a busy machine.
const SETTLE_MS = 60_000;
const WARM_UP_ATTEMPTS = 3;

const { values: args } = parseArgs({
  options: {
    app: { type: 'string' },
    out: { type: 'string' },
    'hold-ms': { type: 'string', default: '25' },
    incident: { type: 'boolean', default: false },
    'connect-timeout-ms': { type: 'string' },
  },
});

type AppPrisma = {
  $queryRawUnsafe(sql: string): Promise<unknown>;
  $disconnect(): Promise<void>;
};

// Open every connection the pool may have and start Prisma's query compiler before the first
// call. Opening a connection and compiling a first query block for tens of milliseconds, which
// a 100 ms pool timeout would count against the handler; the incident is about waiting for a
// free connection, and only that wait should be able to time out. A failed attempt (a connect
// that timed out on a busy machine) is tried again.
async function warmUp(pool: Pool, prisma: AppPrisma) {
  const max = pool.options.max ?? 10;
  for (let attempt = 1; ; attempt++) {
    const clients = await Promise.allSettled(Array.from({ length: max }, () => pool.connect()));
    for (const client of clients) if (client.status === 'fulfilled') client.value.release();
    const failure = clients.find((client) => client.status === 'rejected');
    if (!failure && pool.totalCount === max) break;
    if (attempt === WARM_UP_ATTEMPTS) {
      throw new Error(`warm-up: ${pool.totalCount} of ${max} connections open after ${attempt} attempts${failure ? `: ${failure.reason}` : ''}`);
    }
    process.stderr.write(`driver: warm-up attempt ${attempt} opened ${pool.totalCount} of ${max} connections, trying again\n`);
  }
  await prisma.$queryRawUnsafe('SELECT 1');
}

async function importFrom(appDir: string, file: string) {
  return import(pathToFileURL(join(appDir, file)).href);
}

// console.error is how the handlers report a failure: keep it per call, off the terminal.
function captureErrors(): { take(): string[] } {
  let lines: string[] = [];
  console.error = (...parts: unknown[]) => {
    lines.push(parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ').split('\n')[0]);
  };
  return {
    take() {
      const taken = lines;
      lines = [];
      return taken;
    },
  };
}

// A handler that throws (instead of answering 500) is recorded as status 0 with the message.
async function send(handler: Handler, endpoint: Endpoint, request: EndpointRequest) {
  const url = new URL(`${endpoint.route}${request.query ?? ''}`, 'http://localhost');
  let response: Response;
  try {
    response = await handler(new Request(url, { method: endpoint.method }), {
      params: Promise.resolve(request.params ?? {}),
    });
  } catch (error) {
    return { status: 0, body: { thrown: error instanceof Error ? error.message : String(error) } };
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and compared as text
  }
  return { status: response.status, body };
}

type Session = {
  appDir: string;
  probe: PoolProbe;
  errors: { take(): string[] };
  repeat: boolean; // send read-only requests twice
};

async function call({ appDir, probe, errors, repeat }: Session, endpoint: Endpoint, request: EndpointRequest): Promise<CallRecord> {
  const routeModule = await importFrom(appDir, `app${endpoint.route}/route.ts`);
  const handler = routeModule[endpoint.method] as Handler | undefined;
  if (typeof handler !== 'function') {
    throw new Error(`app${endpoint.route}/route.ts exports no ${endpoint.method} handler`);
  }
  const repeatable = repeat && !request.mutates;

  const first = repeatable ? await send(handler, endpoint, request) : undefined;
  await probe.settle(SETTLE_MS);
  errors.take();
  probe.reset();

  const started = performance.now();
  const { status, body } = await send(handler, endpoint, request);
  const ms = Math.round(performance.now() - started);
  await probe.settle(SETTLE_MS);

  return {
    ...probe.read(),
    name: endpointName(endpoint, request),
    route: endpoint.route,
    method: endpoint.method,
    status,
    body,
    errorLog: errors.take(),
    repeatable,
    repeatedSame: first && JSON.stringify(first) === JSON.stringify({ status, body }),
    ms,
  };
}

function unanswered(endpoint: Endpoint, request: EndpointRequest, error: unknown): CallRecord {
  return {
    peak: 0,
    queries: 0,
    poolErrors: [],
    name: endpointName(endpoint, request),
    route: endpoint.route,
    method: endpoint.method,
    status: 0,
    body: null,
    errorLog: [],
    repeatable: false,
    ms: 0,
    harnessError: error instanceof Error ? error.message : String(error),
  };
}

async function main() {
  if (!args.app || !args.out) throw new Error('usage: driver.ts --app DIR --out FILE [--hold-ms N] [--incident] [--connect-timeout-ms N]');
  const appDir = resolve(args.app);
  const holdMs = Number(args['hold-ms']);
  const endpoints = args.incident
    ? ENDPOINTS.filter((e) => INCIDENT_ROUTES.includes(e.route)).map((e) => ({ ...e, requests: e.requests.slice(0, 1) }))
    : ENDPOINTS;

  const { pool } = (await importFrom(appDir, 'lib/pool.ts')) as { pool: Pool };
  const { prisma } = (await importFrom(appDir, 'lib/prisma.ts')) as { prisma: AppPrisma };
  pool.options.idleTimeoutMillis = 0; // pg-pool reads its options on every connect and release
  await warmUp(pool, prisma);
  if (args['connect-timeout-ms'] !== undefined) pool.options.connectionTimeoutMillis = Number(args['connect-timeout-ms']);
  const session = { appDir, probe: probePool(pool, holdMs), errors: captureErrors(), repeat: !args.incident };

  // One call the driver cannot make (a module that does not load, a pool that never settles)
  // is recorded as such: the calls after it still run.
  const calls: CallRecord[] = [];
  for (const endpoint of endpoints) {
    for (const request of endpoint.requests) {
      calls.push(await call(session, endpoint, request).catch((error) => unanswered(endpoint, request, error)));
    }
  }

  const run: RunRecord = { app: appDir, holdMs, poolMax: pool.options.max ?? 10, calls };
  writeFileSync(args.out, `${JSON.stringify(run, null, 1)}\n`);
  await prisma.$disconnect();
  await pool.end();
}

main().catch((error) => {
  process.stderr.write(`driver: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
