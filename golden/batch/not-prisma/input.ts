export async function loadAll(urls: string[]) {
  const [a, b, c, d, e, f] = await Promise.all([
    fetch('/api/a'),
    fetch('/api/b'),
    fetch('/api/c'),
    redis.get('d'),
    cache.count('e'),
    fs.promises.readFile('f'),
  ]);
  return [a, b, c, d, e, f];
}
