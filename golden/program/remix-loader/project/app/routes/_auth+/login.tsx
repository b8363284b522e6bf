import { prisma } from '../../db.server';

// A remix-flat-routes folder: `_auth+` groups the route without adding to its URL.
export async function loader() {
  return { providers: await prisma.authProvider.findMany({ where: { enabled: true }, take: 10 }) };
}

export default function Login() {
  return null;
}
