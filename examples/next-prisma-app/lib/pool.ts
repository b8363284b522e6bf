import { Pool } from 'pg';

// One pool per server instance. On Vercel every function instance gets its own, so the
// default is a single connection, as `connection_limit=1` was before Prisma 7 (which
// ignores that URL parameter: the pool size is set here).
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 1),
  connectionTimeoutMillis: Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 10_000),
});
