// Policy keys: one string naming any policy document of a snapshot (managed, inline, trust,
// resource, SCP, RCP), used in Policy-view routes. Pure string code; imports nothing.

/** A policy of a snapshot, by where it lives. */
export type PolicyLocation =
  | { kind: 'managed'; arn: string }
  | { kind: 'inline'; owner: string; name: string }
  | { kind: 'trust'; role: string }
  | { kind: 'resource'; resource: string }
  | { kind: 'scp' | 'rcp'; level: number; index: number };

/** The key of `loc`: a managed policy's key is its ARN, so older routes keep working. */
export function policyKey(loc: PolicyLocation): string {
  switch (loc.kind) {
    case 'managed':
      return loc.arn;
    case 'inline':
      return `inline:${loc.owner}#${loc.name}`;
    case 'trust':
      return `trust:${loc.role}`;
    case 'resource':
      return `resource:${loc.resource}`;
    case 'scp':
    case 'rcp':
      return `${loc.kind}:${loc.level}:${loc.index}`;
  }
}

/** Parses a policy key; `undefined` when it is not one. */
export function parsePolicyKey(key: string): PolicyLocation | undefined {
  if (key.startsWith('arn:')) return { kind: 'managed', arn: key };
  const colon = key.indexOf(':');
  if (colon < 0) return undefined;
  const kind = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  if (kind === 'inline') {
    const hash = rest.lastIndexOf('#');
    if (hash <= 0 || hash === rest.length - 1) return undefined;
    return { kind: 'inline', owner: rest.slice(0, hash), name: rest.slice(hash + 1) };
  }
  if (kind === 'trust' && rest) return { kind: 'trust', role: rest };
  if (kind === 'resource' && rest) return { kind: 'resource', resource: rest };
  if (kind === 'scp' || kind === 'rcp') {
    const m = /^(\d{1,4}):(\d{1,4})$/.exec(rest);
    if (!m) return undefined;
    return { kind, level: Number(m[1]), index: Number(m[2]) };
  }
  return undefined;
}
