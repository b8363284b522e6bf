import { db } from '../db';

export async function logRequest(req: any, _res: any, next: () => void) {
  await db.requestLog.create({ data: { path: req.path } });
  next();
}

export async function rateLimit(req: any, _res: any, next: () => void) {
  await db.rateBucket.upsert({ where: { ip: req.ip }, create: { ip: req.ip, hits: 1 }, update: { hits: { increment: 1 } } });
  next();
}

export async function auditTrail(_req: any, _res: any, next: () => void) {
  await db.auditEntry.create({ data: { at: new Date() } });
  next();
}
