// Counts what a handler does to the app's pg.Pool: how many connections it holds at once
// (the number that exhausts a pool) and how many statements it sends (round trips).
//
// Real queries on a local database finish in a millisecond or two, so "at once" would depend
// on timing. Every statement therefore keeps its connection for `holdMs` after it finishes, and
// longer while other statements are still being started (until none has taken a connection for
// `holdMs`): queries started together overlap for sure, even when a busy machine stretches the
// time it takes to start them all, and queries started one after another never do, since the
// next one starts only once the previous one gave its connection back.
//
// Prisma's pg adapter runs a statement with `pool.query(...)` and a transaction on a client
// from `pool.connect()`. Both are replaced on the pool instance the app created.
import { setTimeout as sleep } from 'node:timers/promises';

import type { Pool, PoolClient } from 'pg';

export type ProbeReading = {
  peak: number; // most connections held at the same time
  queries: number; // statements sent
  poolErrors: string[]; // failures to get a connection (e.g. the pool timeout)
};

export type PoolProbe = {
  reset(): void;
  read(): ProbeReading;
  settle(timeoutMs: number): Promise<void>;
};

type QueryFn = (...args: unknown[]) => Promise<unknown>;

export function probePool(pool: Pool, holdMs: number): PoolProbe {
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  let held = 0;
  let lastAcquiredAt = 0;
  let reading: ProbeReading = { peak: 0, queries: 0, poolErrors: [] };

  async function acquire(): Promise<PoolClient> {
    try {
      const client = await connect();
      held += 1;
      lastAcquiredAt = performance.now();
      reading.peak = Math.max(reading.peak, held);
      return client;
    } catch (error) {
      reading.poolErrors.push(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  function giveBack(client: PoolClient, release: PoolClient['release'], error?: Error | boolean) {
    held -= 1;
    release.call(client, error);
  }

  async function timedQuery(client: PoolClient, query: QueryFn, args: unknown[]) {
    reading.queries += 1;
    const result = await query.apply(client, args);
    await sleep(holdMs);
    for (let quiet = performance.now() - lastAcquiredAt; quiet < holdMs; quiet = performance.now() - lastAcquiredAt) {
      await sleep(holdMs - quiet);
    }
    return result;
  }

  const poolQuery: QueryFn = async (...args) => {
    const client = await acquire();
    try {
      return await timedQuery(client, client.query as QueryFn, args);
    } finally {
      giveBack(client, client.release);
    }
  };

  // A client from connect() is handed out again later by pg: restore it when it is released.
  async function poolConnect(): Promise<PoolClient> {
    const client = await acquire();
    const { query, release } = client;
    client.query = ((...args: unknown[]) => timedQuery(client, query as QueryFn, args)) as PoolClient['query'];
    client.release = (error?: Error | boolean) => {
      client.query = query;
      client.release = release;
      giveBack(client, release, error);
    };
    return client;
  }

  Object.assign(pool, { query: poolQuery, connect: poolConnect });

  return {
    reset() {
      reading = { peak: held, queries: 0, poolErrors: [] };
    },
    read() {
      return { ...reading, poolErrors: [...reading.poolErrors] };
    },
    // Wait until the previous call left nothing behind: a failed Promise.all returns while its
    // other queries still run, and they must not be counted against the next call.
    async settle(timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (held > 0 || pool.waitingCount > 0) {
        if (Date.now() > deadline) {
          throw new Error(`pool still busy after ${timeoutMs} ms (${held} held, ${pool.waitingCount} waiting)`);
        }
        await sleep(5);
      }
    },
  };
}
