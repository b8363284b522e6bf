export async function sendDigest(to: string, theme: string) {
  await fetch('https://mail.example.com/send', { method: 'POST', body: JSON.stringify({ to, theme }) });
}
