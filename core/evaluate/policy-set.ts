// Turns the `policies` object of a simulation case (SPEC.md "Simulation cases") into a PolicySet:
// every document passes the normaliser, errors come back as diagnostics. Imports only core/model
// and core/policy.
import type { Diagnostic } from '../model/diagnostic';
import type { OrganizationLevel, PolicyKind, PolicySet } from '../model/evaluate';
import type { PolicyDocument } from '../model/policy';
import { normalizePolicyDocument } from '../policy/normalize';

/** The raw `policies` object of a case: documents still untrusted JSON. Omitted kinds mean none. */
export interface RawPolicies {
  readonly identity?: readonly unknown[] | undefined;
  readonly resource?: unknown;
  readonly scp?: readonly { readonly orgIdentifier: string; readonly policies: readonly unknown[] }[] | null | undefined;
  readonly rcp?: readonly { readonly orgIdentifier: string; readonly policies: readonly unknown[] }[] | null | undefined;
  readonly boundary?: unknown;
  readonly session?: unknown;
  readonly endpoint?: readonly unknown[] | null | undefined;
}

/** Checks one normalised document beyond its shape (the policy validator plugs in here); `kind` says where it is used. */
export type PolicyValidator = (document: PolicyDocument, path: string, kind: PolicyKind) => readonly Diagnostic[];

/** Result of `buildPolicySet`: the set unless an error made a document unusable, and what was found. */
export interface PolicySetResult {
  readonly set: PolicySet | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Normalises (and, given a validator, validates) every document of a case's `policies`. */
export function buildPolicySet(raw: RawPolicies, validate?: PolicyValidator): PolicySetResult {
  const diagnostics: Diagnostic[] = [];
  let failed = false;
  const doc = (value: unknown, path: string, kind: PolicyKind): PolicyDocument => {
    const r = normalizePolicyDocument(value, path);
    diagnostics.push(...r.diagnostics);
    if (r.document === undefined) {
      failed = true;
      return { Statement: [] };
    }
    if (validate) diagnostics.push(...validate(r.document, path, kind));
    return r.document;
  };
  const levels = (
    value: readonly { readonly orgIdentifier: string; readonly policies: readonly unknown[] }[] | null | undefined,
    kind: 'scp' | 'rcp',
  ): OrganizationLevel[] | null =>
    value == null
      ? null
      : value.map((level, i) => ({
          orgIdentifier: level.orgIdentifier,
          policies: level.policies.map((p, j) => doc(p, `policies.${kind}[${i}].policies[${j}]`, kind)),
        }));
  const boundaryRaw = raw.boundary;
  const boundary =
    boundaryRaw == null
      ? null
      : Array.isArray(boundaryRaw)
        ? boundaryRaw.map((p, i) => doc(p, `policies.boundary[${i}]`, 'boundary'))
        : [doc(boundaryRaw, 'policies.boundary', 'boundary')];
  const set: PolicySet = {
    identity: (raw.identity ?? []).map((p, i) => doc(p, `policies.identity[${i}]`, 'identity')),
    resource: raw.resource == null ? null : doc(raw.resource, 'policies.resource', 'resource'),
    scp: levels(raw.scp, 'scp'),
    rcp: levels(raw.rcp, 'rcp'),
    boundary,
    session: raw.session == null ? null : doc(raw.session, 'policies.session', 'session'),
    endpoint: raw.endpoint == null ? null : raw.endpoint.map((p, i) => doc(p, `policies.endpoint[${i}]`, 'endpoint')),
  };
  if (diagnostics.some((d) => d.severity === 'error')) failed = true;
  return { set: failed ? undefined : set, diagnostics };
}
