/**
 * Every item of an async iterable, in order (a storage listing, which pages by itself).
 *
 * @example const objects = await collect(storage.list('content/'));
 */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
