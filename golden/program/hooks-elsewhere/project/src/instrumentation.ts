export async function register() {
  await import('./lib/audit-log');
}
