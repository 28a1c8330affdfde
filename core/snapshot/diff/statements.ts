// Statement-level difference of two policy documents: statements matched by Sid, then by content,
// with the elements that changed as set differences. Imports only core/model types.
import type { ConditionBlock, PolicyDocument, PolicyPrincipal, PolicyStatement } from '../../model/policy';
import type { ConditionEntry, DocumentDiff, ElementChange, FlatPrincipal, StatementChange, StatementMatch } from '../../model/diff';

/** Code-unit order: deterministic and locale-free. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted, de-duplicated copy of a list. */
export function sortedUnique(list: Iterable<string>): string[] {
  return [...new Set(list)].sort(compareStrings);
}

/** Values of `a` not in `b` (by `key`), sorted. */
function minus(a: readonly string[], b: readonly string[], key: (s: string) => string): string[] {
  const inB = new Set(b.map(key));
  return sortedUnique(a.filter((x) => !inB.has(key(x))));
}

const same = (s: string): string => s;
// "IAM JSON policy elements: Action": the prefix and the action name are case insensitive
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
const actionKey = (s: string): string => s.toLowerCase();

/**
 * A principal element as sorted `type:value` strings (`AWS:arn:…`, `Service:ec2.amazonaws.com`),
 * and `*` for `"Principal": "*"`; spellings are kept as written, so a rewrite shows as a change.
 */
export function flattenPrincipal(p: PolicyPrincipal | undefined): FlatPrincipal[] {
  if (p === undefined) return [];
  if (p === '*') return ['*'];
  const out: string[] = [];
  for (const type of Object.keys(p)) {
    const values = Object.hasOwn(p, type) ? p[type] : undefined;
    for (const v of values ?? []) out.push(`${type}:${v}`);
  }
  return sortedUnique(out);
}

/** A condition block as entries (operator, key, sorted values), sorted. */
export function flattenCondition(c: ConditionBlock | undefined): ConditionEntry[] {
  if (c === undefined) return [];
  const out: ConditionEntry[] = [];
  for (const operator of Object.keys(c)) {
    const keys = Object.hasOwn(c, operator) ? c[operator] : undefined;
    if (!keys) continue;
    for (const key of Object.keys(keys)) {
      const values = Object.hasOwn(keys, key) ? keys[key] : undefined;
      out.push({ operator, key, values: sortedUnique(values ?? []) });
    }
  }
  return out.sort((a, b) => compareStrings(a.operator, b.operator) || compareStrings(a.key, b.key));
}

const LISTS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;

/** The canonical text of a statement's content (Sid excluded; lists sorted; actions lower-cased). */
export function statementKey(s: PolicyStatement): string {
  const lists = LISTS.map((e) => {
    const v = s[e];
    if (v === undefined) return null;
    return e === 'Action' || e === 'NotAction' ? sortedUnique(v.map(actionKey)) : sortedUnique(v);
  });
  return JSON.stringify([
    s.Effect,
    lists,
    s.Principal === undefined ? null : flattenPrincipal(s.Principal),
    s.NotPrincipal === undefined ? null : flattenPrincipal(s.NotPrincipal),
    s.Condition === undefined ? null : flattenCondition(s.Condition),
  ]);
}

function conditionChange(a: ConditionBlock | undefined, b: ConditionBlock | undefined): ElementChange | undefined {
  const oldEntries = flattenCondition(a);
  const newEntries = flattenCondition(b);
  const id = (e: ConditionEntry): string => JSON.stringify([e.operator, e.key]);
  const oldById = new Map(oldEntries.map((e) => [id(e), e]));
  const newById = new Map(newEntries.map((e) => [id(e), e]));
  const added = newEntries.filter((e) => !oldById.has(id(e)));
  const removed = oldEntries.filter((e) => !newById.has(id(e)));
  const changed: { operator: string; key: string; old: readonly string[]; new: readonly string[] }[] = [];
  for (const e of newEntries) {
    const o = oldById.get(id(e));
    if (o && JSON.stringify(o.values) !== JSON.stringify(e.values)) {
      changed.push({ operator: e.operator, key: e.key, old: o.values, new: e.values });
    }
  }
  if (added.length === 0 && removed.length === 0 && changed.length === 0) return undefined;
  return { kind: 'condition', added, removed, changed };
}

/** The elements that differ between two statements (empty when equal in content and Sid). */
export function diffStatement(a: PolicyStatement, b: PolicyStatement): ElementChange[] {
  const out: ElementChange[] = [];
  if (a.Sid !== b.Sid) out.push({ kind: 'sid', ...(a.Sid === undefined ? {} : { old: a.Sid }), ...(b.Sid === undefined ? {} : { new: b.Sid }) });
  if (a.Effect !== b.Effect) out.push({ kind: 'effect', old: a.Effect, new: b.Effect });
  for (const element of LISTS) {
    const key = element === 'Action' || element === 'NotAction' ? actionKey : same;
    const oldList = a[element] ?? [];
    const newList = b[element] ?? [];
    const added = minus(newList, oldList, key);
    const removed = minus(oldList, newList, key);
    if (added.length > 0 || removed.length > 0) out.push({ kind: 'list', element, added, removed });
  }
  for (const element of ['Principal', 'NotPrincipal'] as const) {
    const oldList = flattenPrincipal(a[element]);
    const newList = flattenPrincipal(b[element]);
    const added = minus(newList, oldList, same);
    const removed = minus(oldList, newList, same);
    if (added.length > 0 || removed.length > 0) out.push({ kind: 'principal', element, added, removed });
  }
  const c = conditionChange(a.Condition, b.Condition);
  if (c) out.push(c);
  return out;
}

/** Most statement pairs compared for similarity in one document (a 500 × 500 worst case). */
export const MAX_SIMILARITY_PAIRS = 250_000;

/** How alike two statements are for content matching: 0 = not a candidate. */
function similarity(a: PolicyStatement, b: PolicyStatement): number {
  if (a.Effect !== b.Effect) return 0;
  let score = 0;
  const eq = (x: readonly string[] | undefined, y: readonly string[] | undefined, key: (s: string) => string): boolean =>
    x !== undefined && y !== undefined && JSON.stringify(sortedUnique(x.map(key))) === JSON.stringify(sortedUnique(y.map(key)));
  if (eq(a.Action, b.Action, actionKey) || eq(a.NotAction, b.NotAction, actionKey)) score += 2;
  if (eq(a.Resource, b.Resource, same) || eq(a.NotResource, b.NotResource, same)) score += 2;
  if (a.Principal !== undefined && b.Principal !== undefined && JSON.stringify(flattenPrincipal(a.Principal)) === JSON.stringify(flattenPrincipal(b.Principal))) score += 2;
  if (JSON.stringify(flattenCondition(a.Condition)) === JSON.stringify(flattenCondition(b.Condition))) score += 1;
  // Sharing only the (absent) condition is not enough to call two statements one.
  return score >= 2 ? score : 0;
}

/**
 * Matches the statements of two documents and lists what was added, removed and changed.
 * 1. By `Sid`, when the Sid is present and unique in both documents ("IAM JSON policy elements:
 *    Sid": a Sid must be unique within a policy, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
 * 2. Identical content (Sid aside): the same statement, moved or renamed.
 * 3. Similar content: the same Effect and the same action, resource or principal element; best
 *    pairs first, ties by position (skipped beyond MAX_SIMILARITY_PAIRS candidate pairs).
 * Whatever is left is added or removed.
 */
export function diffDocuments(oldDoc: PolicyDocument, newDoc: PolicyDocument): DocumentDiff {
  const olds = oldDoc.Statement;
  const news = newDoc.Statement;
  const oldUsed = new Array<boolean>(olds.length).fill(false);
  const newUsed = new Array<boolean>(news.length).fill(false);
  const pairs: { o: number; n: number; by: StatementMatch }[] = [];

  const sidCounts = (list: readonly PolicyStatement[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const s of list) if (s.Sid !== undefined && s.Sid !== '') m.set(s.Sid, (m.get(s.Sid) ?? 0) + 1);
    return m;
  };
  const oldSids = sidCounts(olds);
  const newSids = sidCounts(news);
  const newBySid = new Map<string, number>();
  news.forEach((s, i) => {
    if (s.Sid !== undefined && newSids.get(s.Sid) === 1) newBySid.set(s.Sid, i);
  });
  olds.forEach((s, i) => {
    if (s.Sid === undefined || oldSids.get(s.Sid) !== 1) return;
    const j = newBySid.get(s.Sid);
    if (j === undefined) return;
    oldUsed[i] = true;
    newUsed[j] = true;
    pairs.push({ o: i, n: j, by: 'sid' });
  });

  // Identical content.
  const newByKey = new Map<string, number[]>();
  news.forEach((s, j) => {
    if (newUsed[j]) return;
    const k = statementKey(s);
    const list = newByKey.get(k);
    if (list) list.push(j);
    else newByKey.set(k, [j]);
  });
  olds.forEach((s, i) => {
    if (oldUsed[i]) return;
    const list = newByKey.get(statementKey(s));
    const j = list?.shift();
    if (j === undefined) return;
    oldUsed[i] = true;
    newUsed[j] = true;
    pairs.push({ o: i, n: j, by: 'content' });
  });

  // Similar content. AWS caps policy sizes, so real documents are small; a hostile one with
  // thousands of unmatched statements skips this quadratic pass (they are reported added/removed).
  const candidates: { o: number; n: number; score: number }[] = [];
  const unmatchedOld = oldUsed.filter((u) => !u).length;
  const unmatchedNew = newUsed.filter((u) => !u).length;
  if (unmatchedOld * unmatchedNew <= MAX_SIMILARITY_PAIRS) {
    olds.forEach((a, i) => {
      if (oldUsed[i]) return;
      news.forEach((b, j) => {
        if (newUsed[j]) return;
        const score = similarity(a, b);
        if (score > 0) candidates.push({ o: i, n: j, score });
      });
    });
  }
  candidates.sort((x, y) => y.score - x.score || x.o - y.o || x.n - y.n);
  for (const c of candidates) {
    if (oldUsed[c.o] || newUsed[c.n]) continue;
    oldUsed[c.o] = true;
    newUsed[c.n] = true;
    pairs.push({ o: c.o, n: c.n, by: 'content' });
  }

  const statements: StatementChange[] = [];
  for (const p of pairs) {
    const a = olds[p.o]!;
    const b = news[p.n]!;
    const elements = diffStatement(a, b);
    if (elements.length === 0) continue;
    const sid = b.Sid ?? a.Sid;
    statements.push({
      kind: 'statement-changed',
      oldIndex: p.o,
      newIndex: p.n,
      ...(sid === undefined ? {} : { sid }),
      matchedBy: p.by,
      elements,
    });
  }
  olds.forEach((s, i) => {
    if (!oldUsed[i]) statements.push({ kind: 'statement-removed', index: i, ...(s.Sid === undefined ? {} : { sid: s.Sid }), statement: s });
  });
  news.forEach((s, j) => {
    if (!newUsed[j]) statements.push({ kind: 'statement-added', index: j, ...(s.Sid === undefined ? {} : { sid: s.Sid }), statement: s });
  });
  const pos = (c: StatementChange): number => (c.kind === 'statement-changed' ? c.newIndex : c.index);
  const rank = { 'statement-removed': 0, 'statement-changed': 1, 'statement-added': 2 } as const;
  statements.sort((x, y) => rank[x.kind] - rank[y.kind] || pos(x) - pos(y));
  const version = oldDoc.Version === newDoc.Version ? undefined : { ...(oldDoc.Version === undefined ? {} : { old: oldDoc.Version }), ...(newDoc.Version === undefined ? {} : { new: newDoc.Version }) };
  return { statements, ...(version ? { version } : {}) };
}

/** True when the diff of two documents is empty. */
export function isEmptyDocumentDiff(d: DocumentDiff): boolean {
  return d.statements.length === 0 && d.version === undefined;
}
