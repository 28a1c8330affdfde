// The engine worker's API: imports snapshot files, opens stored bundles and answers the views'
// questions, off the UI thread. Loads core (through core/index.ts); no React, no Dexie.
import {
  ENGINE_VERSION,
  diffSnapshots,
  formatImportDiagnostic,
  parseSnapshot,
  parseSnapshotText,
  toBundle,
  describeJsonParseError,
  type AccessGroup,
  type Change,
  type ImportResult,
  type PolicyDocument,
  type Snapshot,
} from '../../core/index';
import { sha256Hex } from './hash';
import { runAssumableRoles, runWhatCan, runWhoCan } from './access';
import { policySource, queryOptions, runCan, suggestActions } from './query';
import type { AccessOutcome, CanOutcome, CanRequest, PolicySourceDetail, QueryOptions, WhoCanRequest } from './query-types';
import type { WhatCanResult, WhoCanResult } from '../../core/index';
import { openedSnapshot, policyDetail, principalDetail, snapshotMeta } from './summary';
import { buildGraphModel, type EscalationData } from './graph-model';
import { policyKey } from './policy-key';
import type { GraphInput } from '../graph/model';
import type { AssumableRoles, ChangeDetail, ComparedChange, CompareOutcome, CompareRequest, ImportOutcome, OpenedSnapshot, PolicyDetail, PrincipalDetail, Progress } from './types';

/** A file to import: its name and text. */
export interface InputFile {
  name: string;
  text: string;
}

function failure(result: Extract<ImportResult, { kind: 'error' }>): ImportOutcome {
  const lines = result.diagnostics.filter((d) => d.severity === 'error').map(formatImportDiagnostic);
  return { kind: 'error', message: lines[0] ?? 'the file is not a snapshot', details: lines.slice(0, 50) };
}

function warningsOf(result: Extract<ImportResult, { kind: 'ok' }>): string[] {
  return result.diagnostics.filter((d) => d.severity === 'warning').map(formatImportDiagnostic);
}

/** Parses files into one snapshot (several files are pages of one account). */
function parseFiles(files: readonly InputFile[]): ImportResult | { kind: 'syntax'; message: string } {
  if (files.length === 1) return parseSnapshotText(files[0]!.name, files[0]!.text);
  const inputs = [];
  for (const f of files) {
    try {
      inputs.push({ name: f.name, value: JSON.parse(f.text) as unknown });
    } catch {
      return { kind: 'syntax', message: `${f.name}: ${describeJsonParseError(f.text)}` };
    }
  }
  return parseSnapshot(inputs);
}

/** A policy document of a snapshot and its Policy-view key. */
interface LocatedDocument {
  key: string;
  document: PolicyDocument;
}

/** The document a policy change is about in snapshot `s`, found the way core's diff names it. */
function locate(s: Snapshot, c: Change): LocatedDocument | undefined {
  if (c.kind === 'trust-policy-changed') {
    const role = s.byArn.get(c.role);
    return role?.kind === 'role' && role.trustPolicy ? { key: policyKey({ kind: 'trust', role: c.role }), document: role.trustPolicy.document } : undefined;
  }
  let ref;
  if (c.kind === 'policy-added' || c.kind === 'policy-removed' || c.kind === 'default-version-changed' || c.kind === 'policy-recreated') {
    ref = { kind: 'managed' as const, arn: c.arn };
  } else if (
    c.kind === 'policy-document-changed' ||
    c.kind === 'inline-policy-added' ||
    c.kind === 'inline-policy-removed' ||
    c.kind === 'organization-policy-added' ||
    c.kind === 'organization-policy-removed' ||
    c.kind === 'resource-policy-added' ||
    c.kind === 'resource-policy-removed'
  ) {
    ref = c.policy;
  } else {
    return undefined;
  }
  switch (ref.kind) {
    case 'managed': {
      const p = s.byArn.get(ref.arn);
      return p?.kind === 'policy' ? { key: policyKey({ kind: 'managed', arn: ref.arn }), document: p.defaultDocument.document } : undefined;
    }
    case 'inline': {
      const holder = s.byArn.get(ref.holder);
      if (!holder || (holder.kind !== 'user' && holder.kind !== 'group' && holder.kind !== 'role')) return undefined;
      const p = holder.inlinePolicies.find((i) => i.name === ref.name);
      return p ? { key: policyKey({ kind: 'inline', owner: ref.holder, name: ref.name }), document: p.policy.document } : undefined;
    }
    case 'scp':
    case 'rcp': {
      // Core's diff keys organisation policies by kind, level id and name (the first of a name wins).
      const path = s.organization?.path ?? [];
      for (let level = 0; level < path.length; level++) {
        const l = path[level]!;
        if (l.id !== ref.level) continue;
        const list = ref.kind === 'scp' ? l.scps : l.rcps;
        const index = list.findIndex((p) => p.name === ref.name);
        if (index >= 0) return { key: policyKey({ kind: ref.kind, level, index }), document: list[index]!.policy.document };
      }
      return undefined;
    }
    case 'resource': {
      const r = s.resourcePolicies.find((x) => x.resource === ref.resource);
      return r ? { key: policyKey({ kind: 'resource', resource: ref.resource }), document: r.policy.document } : undefined;
    }
  }
}

/** The view's detail of one change: its policy's key and both versions of each changed statement. */
function changeDetail(a: Snapshot, b: Snapshot, c: Change): ChangeDetail | null {
  const removed = c.kind === 'policy-removed' || c.kind === 'inline-policy-removed' || c.kind === 'organization-policy-removed' || c.kind === 'resource-policy-removed';
  const inNew = removed ? undefined : locate(b, c);
  const inOld = removed || !inNew ? locate(a, c) : undefined;
  const where = inNew ? { policyKey: inNew.key, policyIn: 'new' as const } : inOld ? { policyKey: inOld.key, policyIn: 'old' as const } : {};
  if (c.kind !== 'policy-document-changed' && c.kind !== 'trust-policy-changed') return inNew || inOld ? where : null;
  const before = locate(a, c)?.document;
  const after = inNew?.document;
  const pairs = c.diff.statements.map((st) => {
    if (st.kind !== 'statement-changed') return null;
    const o = before?.Statement[st.oldIndex];
    const n = after?.Statement[st.newIndex];
    return { ...(o ? { before: o } : {}), ...(n ? { after: n } : {}) };
  });
  return { ...where, pairs };
}

/** Packs an access change's action lists into one string per group (see `PackedAccessGroup`). */
function packed(c: Change): ComparedChange {
  if (c.kind !== 'access-changed') return c;
  const pack = (g: AccessGroup) => ({ service: g.service, level: g.level, count: g.actions.length, actions: g.actions.join('\n') });
  return { ...c, gained: c.gained.map(pack), lost: c.lost.map(pack) };
}

/** Creates the engine: its methods are what the worker exposes through comlink. */
export function createEngine() {
  const open = new Map<string, Snapshot>();
  const remember = (id: string, snapshot: Snapshot): void => {
    open.delete(id);
    open.set(id, snapshot);
    while (open.size > 2) open.delete(open.keys().next().value as string);
  };
  return {
    /** Parses `files` into a snapshot and its canonical bundle, reporting progress. */
    async importFiles(files: InputFile[], onProgress?: (p: Progress) => void): Promise<ImportOutcome> {
      if (files.length === 0) return { kind: 'error', message: 'no file chosen', details: [] };
      onProgress?.({ stage: 'parsing', done: 0, total: 3 });
      const result = parseFiles(files);
      if (result.kind === 'syntax') return { kind: 'error', message: result.message, details: [result.message] };
      if (result.kind === 'error') return failure(result);
      onProgress?.({ stage: 'building the bundle', done: 1, total: 3 });
      const bundle = JSON.stringify(toBundle(result.snapshot));
      onProgress?.({ stage: 'hashing', done: 2, total: 3 });
      const hash = await sha256Hex(bundle);
      onProgress?.({ stage: 'done', done: 3, total: 3 });
      return { kind: 'ok', snapshot: { meta: snapshotMeta(result.snapshot, warningsOf(result)), bundle, hash } };
    },

    /** Opens stored snapshot `id` from its bundle text. */
    async open(id: string, bundle: string): Promise<{ kind: 'ok'; opened: OpenedSnapshot } | { kind: 'error'; message: string }> {
      const result = parseSnapshotText(`snapshot ${id}`, bundle);
      if (result.kind === 'error') {
        const f = failure(result);
        return { kind: 'error', message: f.kind === 'error' ? f.message : 'the stored snapshot is unreadable' };
      }
      remember(id, result.snapshot);
      return { kind: 'ok', opened: openedSnapshot(result.snapshot, warningsOf(result)) };
    },

    /** True when snapshot `id` is open in the worker. */
    isOpen(id: string): boolean {
      return open.has(id);
    },

    /** The Principal view's data, or `undefined` when unknown or the snapshot is not open. */
    principal(id: string, arn: string): PrincipalDetail | undefined {
      const s = open.get(id);
      return s ? principalDetail(s, arn) : undefined;
    },

    /** The Policy view's data, or `undefined` when unknown or the snapshot is not open. */
    policy(id: string, arn: string): PolicyDetail | undefined {
      const s = open.get(id);
      return s ? policyDetail(s, arn) : undefined;
    },

    /** Any other policy document (inline, trust, resource, SCP, RCP) by its policy key. */
    policySource(id: string, key: string): PolicySourceDetail | undefined {
      const s = open.get(id);
      return s ? policySource(s, key) : undefined;
    },

    /** The Query view's pickers: users, roles and known resource ARNs. */
    queryOptions(id: string): QueryOptions | undefined {
      const s = open.get(id);
      return s ? queryOptions(s) : undefined;
    },

    /** Catalogue actions matching `text`, for the action input's suggestions. */
    suggestActions(text: string): string[] {
      return suggestActions(text);
    },

    /** Answers a `can` question with its explanation. */
    can(id: string, request: CanRequest): CanOutcome {
      const s = open.get(id);
      return s ? runCan(s, request) : { kind: 'error', message: 'the snapshot is not open' };
    },

    /** Who can perform an action on a resource (allowed, or conditional with the keys needed). */
    whoCan(id: string, request: WhoCanRequest): AccessOutcome<WhoCanResult> {
      const s = open.get(id);
      return s ? runWhoCan(s, request) : { kind: 'error', message: 'the snapshot is not open' };
    },

    /** The engine version analyses are cached under. */
    engineVersion(): string {
      return ENGINE_VERSION;
    },

    /** The account graph of snapshot `id` (with the escalation graph when given); `undefined` when not open. */
    graphModel(id: string, escalation?: EscalationData): GraphInput | undefined {
      const s = open.get(id);
      return s ? buildGraphModel(s, escalation) : undefined;
    },

    /**
     * Compares open snapshots `oldId` (the baseline) and `newId` with core's diff: structure and
     * effective access, and findings and escalation paths when both analyses are given.
     */
    compare(oldId: string, newId: string, request: CompareRequest = {}): CompareOutcome {
      const a = open.get(oldId);
      const b = open.get(newId);
      if (!a || !b) return { kind: 'error', message: `compare: snapshot \`${!a ? oldId : newId}\` is not open` };
      const started = Date.now();
      const result = diffSnapshots(a, b, {
        access: request.access ?? true,
        findings: request.analyses ? { old: request.analyses.old.findings, new: request.analyses.new.findings } : false,
        escalation: request.analyses ? { old: request.analyses.old, new: request.analyses.new } : false,
      });
      if (result.kind === 'error') return { kind: 'refused', id: result.id, message: result.message };
      const details = result.diff.changes.map((c) => changeDetail(a, b, c));
      const diff = { ...result.diff, changes: result.diff.changes.map(packed) };
      return { kind: 'ok', comparison: { diff, details, ms: Date.now() - started } };
    },

    /** Every role of snapshot `id` that `principalArn` may assume (`sts:AssumeRole`): allowed, then conditional, by name. */
    assumableRoles(id: string, principalArn: string): AccessOutcome<AssumableRoles> {
      const s = open.get(id);
      return s ? runAssumableRoles(s, principalArn) : { kind: 'error', message: 'the snapshot is not open' };
    },

    /** Everything a principal can do, by service and access level. */
    whatCan(id: string, principal: string): AccessOutcome<WhatCanResult> {
      const s = open.get(id);
      return s ? runWhatCan(s, principal) : { kind: 'error', message: 'the snapshot is not open' };
    },
  };
}

/** The engine's API as the UI sees it. */
export type Engine = ReturnType<typeof createEngine>;
