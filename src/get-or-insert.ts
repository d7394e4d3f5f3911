/**
 * The value `map` holds for `key`, created with `create` and stored first when there is none (what the
 * TC39 proposal names `Map.prototype.getOrInsertComputed`).
 *
 * @example getOrInsert(groups, slug, () => []).push(entry);
 */
export function getOrInsert<K, V>(map: Map<K, V>, key: K, create: (key: K) => V): V {
  const known = map.get(key);
  if (known !== undefined || map.has(key)) return known as V;
  const value = create(key);
  map.set(key, value);
  return value;
}
