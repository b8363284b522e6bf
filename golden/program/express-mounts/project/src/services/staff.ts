import { db } from '../db';

export async function requireStaff(req: any, _res: any, next: () => void) {
  req.staff = await db.staffMember.findUniqueOrThrow({ where: { email: req.headers['x-user'] } });
  next();
}
