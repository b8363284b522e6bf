import { db } from './db';

export function record(action: string, subject: string) {
  return db.auditLog.create({ data: { action, subject } });
}
