// Test helper: a request context over a plain record, keys case-insensitive as AWS's are.
import type { ContextValue, RequestContext } from '../../../core/model/context';

/** A request context holding `values`. */
export function ctx(values: Record<string, ContextValue>): RequestContext {
  const m = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (k) => m.get(k.toLowerCase()) };
}
