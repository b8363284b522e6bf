export async function perEmail(emails: string[]) {
  return await Promise.all(emails.map((email) => prisma.contact.count({ where: { email } })));
}
