// Two-level caches without joined string keys: the inner map (or list) of a key, made on first use.
// Imports nothing.

/** The inner map of `outer` under `key`, created (empty) when absent. */
export function innerMap<K, IK, V>(outer: Map<K, Map<IK, V>>, key: K): Map<IK, V> {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** The list of `outer` under `key`, created (empty) when absent. */
export function innerList<K, V>(outer: Map<K, V[]>, key: K): V[] {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = [];
    outer.set(key, inner);
  }
  return inner;
}
