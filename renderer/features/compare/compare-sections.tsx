// The sections of the comparison view: principals, policies statement by statement, attachments,
// memberships, trust, boundaries, tags, effective access and findings. Every principal and policy
// name links to its view in the newer snapshot (the older one for what was removed). No core imports.
import { useState, type ReactNode } from 'react';
import type { PolicyStatement, StatementChange } from '../../../core/index';
import type { ChangeDetail, PackedAccessGroup, StatementPair } from '../../worker/types';
import { tokenizeJson } from '../policy/json-tokens';
import { policyHref } from '../policy/highlight';
import { principalHref } from '../findings/filter';
import { SeverityBadge, Ticked } from '../findings/findings-view';
import {
  accessRows,
  actionsOf,
  attachmentChanges,
  changedValues,
  elementLine,
  findingChanges,
  membershipChanges,
  pathLine,
  policyGroups,
  principalChanges,
  shortArn,
  type AccessRow,
  type ChangeOf,
  type Entry,
  type PolicyGroup,
  type SubjectChanges,
} from './compare-model';

/** Items of a long list shown before "Show all": the view stays quick on a large account. */
const LIST_SHOWN = 100;
/** Policies shown before "Show all" (each may carry statements before and after). */
const POLICIES_SHOWN = 25;

/** The first `limit` of `items` until the user asks for all, and the button that asks. */
function useCap<T>(
  items: readonly T[],
  limit: number,
  what: string,
): { shown: readonly T[]; more: ReactNode } {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, limit);
  const more =
    items.length > shown.length ? (
      <button type="button" className="small cmp-more" onClick={() => setAll(true)}>
        Show all {items.length} {what}
      </button>
    ) : null;
  return { shown, more };
}

/** The two snapshots' ids: links go to the newer unless the thing is only in the older. */
export interface Sides {
  oldId: string;
  newId: string;
}

/** A principal (user, group or role) name linking to its view in snapshot `id`; other ARNs as text. */
export function PrincipalName(props: { id: string; arn: string; older?: boolean }) {
  const link = principalHref(props.id, props.arn);
  const name = shortArn(props.arn);
  if (!link) return <span className="mono">{props.arn}</span>;
  return (
    <a
      href={link}
      title={`${props.arn}${props.older ? ' (in the older snapshot)' : ''}`}
      className="cmp-name"
    >
      {name}
    </a>
  );
}

/** A managed policy ARN linking to its Policy view in snapshot `id`. */
function ManagedPolicyName(props: { id: string; arn: string }) {
  return (
    <a href={policyHref(props.id, props.arn)} title={props.arn} className="cmp-name">
      {shortArn(props.arn)}
    </a>
  );
}

/** A marker of an added, removed or changed item (the sign is read out, not only the colour). */
function Mark(props: { kind: 'added' | 'removed' | 'changed' }) {
  const text = props.kind === 'added' ? '+' : props.kind === 'removed' ? '−' : '~';
  const label = props.kind === 'added' ? 'added' : props.kind === 'removed' ? 'removed' : 'changed';
  return (
    <span className={`cmp-mark cmp-${props.kind}`} aria-label={label} title={label}>
      {text}
    </span>
  );
}

function unquote(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A statement as indented, highlighted JSON; lines holding a string of `marked` are marked. */
function StatementJson(props: {
  statement: PolicyStatement;
  tone: 'added' | 'removed' | 'before' | 'after';
  label: string;
  marked?: ReadonlySet<string>;
}) {
  const lines = JSON.stringify(props.statement, null, 2).split('\n');
  const markTone = props.tone === 'before' || props.tone === 'removed' ? 'removed' : 'added';
  const isMarked = (line: ReturnType<typeof tokenizeJson>): boolean =>
    props.marked !== undefined &&
    line.some(
      (t) => (t.kind === 'string' || t.kind === 'key') && props.marked!.has(unquote(t.text) ?? '\u0000'),
    );
  return (
    <pre className={`code cmp-json cmp-json-${props.tone}`} aria-label={props.label} tabIndex={0}>
      {lines.map((text, n) => {
        const tokens = tokenizeJson(text);
        return (
          <span key={n} className={isMarked(tokens) ? `cmp-line cmp-line-${markTone}` : 'cmp-line'}>
            {tokens.map((t, i) =>
              t.kind === 'space' || t.kind === 'punct' ? (
                t.text
              ) : (
                <span key={i} className={`tok-${t.kind}`}>
                  {t.text}
                </span>
              ),
            )}
          </span>
        );
      })}
    </pre>
  );
}

function Values(props: { values: readonly string[]; kind: 'added' | 'removed' | 'changed' }) {
  return (
    <>
      {props.values.map((v) => (
        <span key={v} className={`cmp-value cmp-${props.kind}`}>
          <Mark kind={props.kind} />
          <code>{v}</code>
        </span>
      ))}
    </>
  );
}

/** The statement changes of one document: what changed in each, with the statement JSON before and after. */
function StatementChanges(props: {
  statements: readonly StatementChange[];
  pairs: readonly (StatementPair | null)[] | undefined;
  link: (index: number) => string | undefined;
}) {
  return (
    <ol className="cmp-statements">
      {props.statements.map((st, i) => {
        const sid = st.sid === undefined ? '' : ` (Sid ${st.sid})`;
        if (st.kind === 'statement-added' || st.kind === 'statement-removed') {
          const added = st.kind === 'statement-added';
          const link = added ? props.link(st.index) : undefined;
          return (
            <li key={i} className="cmp-statement" data-testid="statement-change">
              <p className="cmp-statement-head">
                <Mark kind={added ? 'added' : 'removed'} /> Statement {st.index}
                {sid} {added ? 'added' : 'removed'}
                {link && (
                  <a href={link} className="small-link">
                    show in the policy
                  </a>
                )}
              </p>
              <StatementJson
                statement={st.statement}
                tone={added ? 'added' : 'removed'}
                label={`Statement ${st.index} ${added ? 'added' : 'removed'}`}
              />
            </li>
          );
        }
        const pair = props.pairs?.[i] ?? null;
        const values = changedValues(st.elements);
        const where = st.oldIndex === st.newIndex ? `${st.newIndex}` : `${st.oldIndex} → ${st.newIndex}`;
        const link = props.link(st.newIndex);
        return (
          <li key={i} className="cmp-statement" data-testid="statement-change">
            <p className="cmp-statement-head">
              <Mark kind="changed" /> Statement {where}
              {sid} changed{' '}
              <span className="muted">(matched by {st.matchedBy === 'sid' ? 'Sid' : 'content'})</span>
              {link && (
                <a href={link} className="small-link">
                  show in the policy
                </a>
              )}
            </p>
            <ul className="cmp-elements">
              {st.elements.map((e, j) => {
                const l = elementLine(e);
                return (
                  <li key={j}>
                    <span className="cmp-element">{l.element}</span>
                    <Values values={l.added} kind="added" />
                    <Values values={l.removed} kind="removed" />
                    <Values values={l.changed} kind="changed" />
                  </li>
                );
              })}
            </ul>
            {pair && (pair.before || pair.after) && (
              <div className="cmp-pair">
                <div>
                  <p className="cmp-pair-label">Before</p>
                  {pair.before ? (
                    <StatementJson
                      statement={pair.before}
                      tone="before"
                      label={`Statement ${st.oldIndex} before`}
                      marked={values.removed}
                    />
                  ) : (
                    <p className="muted">(not found)</p>
                  )}
                </div>
                <div>
                  <p className="cmp-pair-label">After</p>
                  {pair.after ? (
                    <StatementJson
                      statement={pair.after}
                      tone="after"
                      label={`Statement ${st.newIndex} after`}
                      marked={values.added}
                    />
                  ) : (
                    <p className="muted">(not found)</p>
                  )}
                </div>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The Policy-view link of a change's policy, with statements highlighted. */
function policyLink(
  sides: Sides,
  detail: ChangeDetail | null,
  statements: readonly number[] = [],
): string | undefined {
  if (!detail?.policyKey) return undefined;
  return policyHref(detail.policyIn === 'old' ? sides.oldId : sides.newId, detail.policyKey, statements);
}

/** A collapsible section with its count; open when it has changes. */
export function Section(props: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
  note?: ReactNode;
  open?: boolean;
}) {
  return (
    <details
      className="panel cmp-section"
      id={`cmp-${props.id}`}
      open={props.open ?? props.count > 0}
      data-testid={`section-${props.id}`}
    >
      <summary>
        <h3>
          {props.title}
          <span className="count">{props.count}</span>
        </h3>
      </summary>
      {props.note}
      {props.count === 0 && !props.note ? <p className="muted">No change.</p> : props.children}
    </details>
  );
}

// ------------------------------------------------------------------ principals

function Facts(props: { change: ChangeOf<'principal-added' | 'principal-removed'> }) {
  const c = props.change;
  const parts = [
    ...(c.groups.length ? [`groups ${c.groups.map(shortArn).join(', ')}`] : []),
    `${c.attachedPolicies.length} attached`,
    `${c.inlinePolicies.length} inline`,
    ...(c.actionCount === undefined ? [] : [`${c.actionCount} actions`]),
  ];
  return <span className="muted">{parts.join(' · ')}</span>;
}

/** Principals (and groups) added, removed and recreated. */
export function PrincipalsSection(props: { entries: readonly Entry[]; sides: Sides }) {
  const p = principalChanges(props.entries);
  const { shown, more } = useCap([...p.added, ...p.removed, ...p.recreated], LIST_SHOWN, 'principals');
  return (
    <Section
      id="principals"
      title="Principals"
      count={p.added.length + p.removed.length + p.recreated.length}
    >
      <ul className="cmp-list" aria-label="Principals added and removed">
        {shown.map(({ change: c }) =>
          c.kind === 'principal-added' ? (
            <li key={`a${c.arn}`} data-testid="principal-added">
              <Mark kind="added" /> <span className={`kind kind-${c.principalKind}`}>{c.principalKind}</span>{' '}
              <PrincipalName id={props.sides.newId} arn={c.arn} /> added <Facts change={c} />
            </li>
          ) : c.kind === 'principal-removed' ? (
            <li key={`r${c.arn}`} data-testid="principal-removed">
              <Mark kind="removed" />{' '}
              <span className={`kind kind-${c.principalKind}`}>{c.principalKind}</span>{' '}
              <PrincipalName id={props.sides.oldId} arn={c.arn} older /> removed <Facts change={c} />
            </li>
          ) : (
            <li key={`c${c.arn}`} data-testid="principal-recreated">
              <Mark kind="changed" />{' '}
              <span className={`kind kind-${c.principalKind}`}>{c.principalKind}</span>{' '}
              <PrincipalName id={props.sides.newId} arn={c.arn} /> recreated{' '}
              <span className="muted">
                (unique id {c.oldId} → {c.newId}: a different principal to AWS)
              </span>
            </li>
          ),
        )}
      </ul>
      {more}
    </Section>
  );
}

// ------------------------------------------------------------------ policies

function PolicyGroupItem(props: { group: PolicyGroup; sides: Sides }) {
  const g = props.group;
  const first = g.entries[0]!;
  const link = policyLink(props.sides, first.detail);
  return (
    <li className="cmp-policy" data-testid="policy-change">
      <p className="cmp-policy-head">
        <Mark kind={g.status} />{' '}
        {link ? (
          <a href={link} className="cmp-name" title={g.ref.kind === 'managed' ? g.ref.arn : g.title}>
            {g.title}
          </a>
        ) : (
          <span className="cmp-name">{g.title}</span>
        )}
        {g.ref.kind === 'managed' && (
          <span className={`badge ${g.awsManaged ? 'aws' : 'customer'}`}>
            {g.awsManaged ? 'AWS managed' : 'customer managed'}
          </span>
        )}
        {g.status !== 'changed' && <span className="muted"> {g.status}</span>}
      </p>
      <ul className="cmp-policy-changes">
        {g.entries.map(({ change: c, detail }, i) => {
          switch (c.kind) {
            case 'policy-added':
            case 'policy-removed':
            case 'inline-policy-added':
            case 'inline-policy-removed':
            case 'organization-policy-added':
            case 'organization-policy-removed':
            case 'resource-policy-added':
            case 'resource-policy-removed':
              return (
                <li key={i} className="muted">
                  {c.statementCount} statement{c.statementCount === 1 ? '' : 's'}
                </li>
              );
            case 'policy-recreated':
              return (
                <li key={i}>
                  Recreated: policy id {c.oldId} → {c.newId}
                </li>
              );
            case 'default-version-changed':
              return (
                <li key={i}>
                  Default version {c.oldVersionId ?? '(none)'} → {c.newVersionId ?? '(none)'}
                </li>
              );
            case 'policy-document-changed':
              return (
                <li key={i}>
                  {c.diff.version && (
                    <p>
                      Version {c.diff.version.old ?? '(none)'} → {c.diff.version.new ?? '(none)'}
                    </p>
                  )}
                  <StatementChanges
                    statements={c.diff.statements}
                    pairs={detail?.pairs}
                    link={(n) => policyLink(props.sides, detail, [n])}
                  />
                </li>
              );
          }
        })}
      </ul>
    </li>
  );
}

/** Policies changed, per policy, statement by statement. */
export function PoliciesSection(props: { entries: readonly Entry[]; sides: Sides }) {
  const groups = policyGroups(props.entries);
  const { shown, more } = useCap(groups, POLICIES_SHOWN, 'policies');
  return (
    <Section id="policies" title="Policies" count={groups.length}>
      <ul className="cmp-list" aria-label="Policies changed">
        {shown.map((g) => (
          <PolicyGroupItem key={g.key} group={g} sides={props.sides} />
        ))}
      </ul>
      {more}
    </Section>
  );
}

// ------------------------------------------------------------------ attachments, memberships

function SubjectTable(props: {
  label: string;
  rows: readonly SubjectChanges[];
  sides: Sides;
  item: (arn: string, added: boolean) => ReactNode;
  headers: [string, string, string];
  testId: string;
}) {
  const { shown, more } = useCap(props.rows, LIST_SHOWN, 'rows');
  return (
    <>
      <table className="table cmp-table" aria-label={props.label}>
        <thead>
          <tr>
            {props.headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.subject} data-testid={props.testId}>
              <th scope="row">
                <PrincipalName id={props.sides.newId} arn={r.subject} />
              </th>
              <td>
                {r.added.map((a) => (
                  <span key={a} className="cmp-value cmp-added">
                    <Mark kind="added" /> {props.item(a, true)}
                  </span>
                ))}
              </td>
              <td>
                {r.removed.map((a) => (
                  <span key={a} className="cmp-value cmp-removed">
                    <Mark kind="removed" /> {props.item(a, false)}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </>
  );
}

/** Managed policies attached and detached, per principal. */
export function AttachmentsSection(props: { entries: readonly Entry[]; sides: Sides; count: number }) {
  const rows = attachmentChanges(props.entries);
  return (
    <Section id="attachments" title="Attachments" count={props.count}>
      <SubjectTable
        label="Attachments changed"
        rows={rows}
        sides={props.sides}
        headers={['Principal', 'Attached', 'Detached']}
        testId="attachment-change"
        item={(arn, added) => (
          <ManagedPolicyName id={added ? props.sides.newId : props.sides.oldId} arn={arn} />
        )}
      />
    </Section>
  );
}

/** Group memberships joined and left, per user. */
export function MembershipsSection(props: { entries: readonly Entry[]; sides: Sides; count: number }) {
  const rows = membershipChanges(props.entries);
  return (
    <Section id="memberships" title="Group memberships" count={props.count}>
      <SubjectTable
        label="Memberships changed"
        rows={rows}
        sides={props.sides}
        headers={['User', 'Joined', 'Left']}
        testId="membership-change"
        item={(arn, added) => (
          <PrincipalName id={added ? props.sides.newId : props.sides.oldId} arn={arn} older={!added} />
        )}
      />
    </Section>
  );
}

// ------------------------------------------------------------------ trust, boundaries, tags

/** Trust policies changed: principals now trusted or no longer, and the statements. */
export function TrustSection(props: { entries: readonly Entry[]; sides: Sides }) {
  const changes = props.entries.filter(
    (e): e is Entry<ChangeOf<'trust-policy-changed'>> => e.change.kind === 'trust-policy-changed',
  );
  const { shown, more } = useCap(changes, POLICIES_SHOWN, 'trust policies');
  return (
    <Section id="trust" title="Trust policies" count={changes.length}>
      <ul className="cmp-list" aria-label="Trust policies changed">
        {shown.map(({ change: c, detail }) => {
          const link = policyLink(props.sides, detail);
          return (
            <li key={c.role} className="cmp-policy" data-testid="trust-change">
              <p className="cmp-policy-head">
                <Mark kind="changed" /> <PrincipalName id={props.sides.newId} arn={c.role} />
                {link && (
                  <a href={link} className="small-link">
                    trust policy
                  </a>
                )}
              </p>
              {(c.principalsAdded.length > 0 || c.principalsRemoved.length > 0) && (
                <p>
                  <span className="cmp-element">Trusted principals</span>
                  <Values values={c.principalsAdded} kind="added" />
                  <Values values={c.principalsRemoved} kind="removed" />
                </p>
              )}
              <StatementChanges
                statements={c.diff.statements}
                pairs={detail?.pairs}
                link={(n) => policyLink(props.sides, detail, [n])}
              />
            </li>
          );
        })}
      </ul>
      {more}
    </Section>
  );
}

/** Permissions boundaries set, removed and changed. */
export function BoundariesSection(props: { entries: readonly Entry[]; sides: Sides }) {
  const changes = props.entries.filter((e) => e.change.section === 'boundaries');
  return (
    <Section id="boundaries" title="Permissions boundaries" count={changes.length}>
      <ul className="cmp-list" aria-label="Boundaries changed">
        {changes.map(({ change: c }) => {
          if (c.kind === 'boundary-set')
            return (
              <li key={c.principal} data-testid="boundary-change">
                <Mark kind="added" /> <PrincipalName id={props.sides.newId} arn={c.principal} />: boundary{' '}
                <ManagedPolicyName id={props.sides.newId} arn={c.new} /> set
              </li>
            );
          if (c.kind === 'boundary-removed')
            return (
              <li key={c.principal} data-testid="boundary-change">
                <Mark kind="removed" /> <PrincipalName id={props.sides.newId} arn={c.principal} />: boundary{' '}
                <ManagedPolicyName id={props.sides.oldId} arn={c.old} /> removed
              </li>
            );
          if (c.kind === 'boundary-changed')
            return (
              <li key={c.principal} data-testid="boundary-change">
                <Mark kind="changed" /> <PrincipalName id={props.sides.newId} arn={c.principal} />: boundary{' '}
                <ManagedPolicyName id={props.sides.oldId} arn={c.old} /> →{' '}
                <ManagedPolicyName id={props.sides.newId} arn={c.new} />
              </li>
            );
          return null;
        })}
      </ul>
    </Section>
  );
}

/** Tags changed on principals. */
export function TagsSection(props: { entries: readonly Entry[]; sides: Sides }) {
  const changes = props.entries.filter(
    (e): e is Entry<ChangeOf<'tags-changed'>> => e.change.kind === 'tags-changed',
  );
  return (
    <Section id="tags" title="Tags" count={changes.length}>
      <ul className="cmp-list" aria-label="Tags changed">
        {changes.map(({ change: c }) => (
          <li key={c.arn}>
            <Mark kind="changed" /> <PrincipalName id={props.sides.newId} arn={c.arn} />
            <Values values={c.added.map((t) => `${t.key}=${t.value}`)} kind="added" />
            <Values values={c.removed.map((t) => `${t.key}=${t.value}`)} kind="removed" />
            <Values values={c.changed.map((t) => `${t.key}: ${t.old} → ${t.new}`)} kind="changed" />
          </li>
        ))}
      </ul>
    </Section>
  );
}

// ------------------------------------------------------------------ access

/** Actions shown per level before "show all". */
const ACTIONS_SHOWN = 12;

function ActionList(props: { group: PackedAccessGroup }) {
  const [all, setAll] = useState(false);
  const actions = actionsOf(props.group);
  const shown = all ? actions : actions.slice(0, ACTIONS_SHOWN);
  return (
    <span className="cmp-actions">
      {shown.map((a) => (
        <code key={a}>{a}</code>
      ))}
      {!all && actions.length > ACTIONS_SHOWN && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          … {actions.length - ACTIONS_SHOWN} more
        </button>
      )}
    </span>
  );
}

function AccessDetail(props: { row: AccessRow }) {
  return (
    <table
      className="table cmp-table cmp-access-detail"
      aria-label={`Access changed of ${shortArn(props.row.principal)}`}
    >
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Gained</th>
          <th scope="col">Lost</th>
        </tr>
      </thead>
      <tbody>
        {props.row.services.map((s) => (
          <tr key={s.service}>
            <th scope="row" className="mono">
              {s.service}
            </th>
            <td>
              {s.gained.map((g) => (
                <div key={g.level} className="cmp-level cmp-added">
                  <Mark kind="added" /> <strong>{g.level}</strong> ({g.count}) <ActionList group={g} />
                </div>
              ))}
            </td>
            <td>
              {s.lost.map((g) => (
                <div key={g.level} className="cmp-level cmp-removed">
                  <Mark kind="removed" /> <strong>{g.level}</strong> ({g.count}) <ActionList group={g} />
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AccessItem(props: { row: AccessRow; sides: Sides }) {
  const [open, setOpen] = useState(false);
  const r = props.row;
  const services = (pick: 'gainedCount' | 'lostCount'): string =>
    r.services
      .filter((s) => s[pick] > 0)
      .slice(0, 4)
      .map((s) => s.service)
      .join(', ') + (r.services.filter((s) => s[pick] > 0).length > 4 ? ', …' : '');
  return (
    <li className="cmp-access" data-testid="access-change">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <span className={`kind kind-${r.principalKind}`}>{r.principalKind}</span>{' '}
          <PrincipalName id={props.sides.newId} arn={r.principal} />{' '}
          <span className="muted">
            {r.oldCount} → {r.newCount} actions
          </span>
          {r.gainedCount > 0 && (
            <span className="cmp-value cmp-added">
              <Mark kind="added" /> {r.gainedCount} gained{' '}
              <span className="muted">({services('gainedCount')})</span>
            </span>
          )}
          {r.lostCount > 0 && (
            <span className="cmp-value cmp-removed">
              <Mark kind="removed" /> {r.lostCount} lost{' '}
              <span className="muted">({services('lostCount')})</span>
            </span>
          )}
          {r.gainedPermissionsManagement && <span className="badge warn">gained permissions management</span>}
        </summary>
        {open && <AccessDetail row={r} />}
      </details>
    </li>
  );
}

/** Principals shown before "show all" in the access section. */
const ACCESS_SHOWN = 50;

/** Effective access gained and lost per principal, by service and access level. */
export function AccessSection(props: { entries: readonly Entry[]; sides: Sides; note?: ReactNode }) {
  const [all, setAll] = useState(false);
  const rows = accessRows(props.entries);
  const shown = all ? rows : rows.slice(0, ACCESS_SHOWN);
  return (
    <Section id="access" title="Effective access" count={rows.length} note={props.note}>
      <p className="muted cmp-hint">
        Largest changes first. Open a principal for its actions by service and access level.
      </p>
      <ul className="cmp-list" aria-label="Effective access changed">
        {shown.map((r) => (
          <AccessItem key={r.principal} row={r} sides={props.sides} />
        ))}
      </ul>
      {rows.length > shown.length && (
        <button type="button" className="small" onClick={() => setAll(true)}>
          Show all {rows.length} principals
        </button>
      )}
    </Section>
  );
}

// ------------------------------------------------------------------ findings

function FindingTable(props: {
  label: string;
  entries: readonly Entry<ChangeOf<'finding-new' | 'finding-resolved'>>[];
  id: string;
  older: boolean;
  testId: string;
}) {
  const { shown, more } = useCap(props.entries, LIST_SHOWN, 'findings');
  if (props.entries.length === 0) return <p className="muted">{props.label}: none.</p>;
  return (
    <>
      <table className="table cmp-table" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Finding</th>
            <th scope="col">Principal</th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ change: { finding: f } }) => (
            <tr key={f.id} data-testid={props.testId}>
              <td>
                <SeverityBadge severity={f.severity} />
              </td>
              <td>
                <Ticked text={f.title} />
              </td>
              <td>
                {f.principal ? (
                  <PrincipalName id={props.id} arn={f.principal} older={props.older} />
                ) : f.resource ? (
                  <span className="mono">{f.resource}</span>
                ) : (
                  '—'
                )}
              </td>
              <td className="mono muted">{f.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </>
  );
}

/** New and resolved findings and escalation paths, once findings were compared. */
export function FindingsChanges(props: { entries: readonly Entry[]; sides: Sides }) {
  const f = findingChanges(props.entries);
  const paths = f.newPaths.length + f.resolvedPaths.length + f.changedPaths.length;
  const { shown, more } = useCap([...f.newPaths, ...f.resolvedPaths, ...f.changedPaths], LIST_SHOWN, 'paths');
  return (
    <>
      <h4>New findings ({f.newFindings.length})</h4>
      <FindingTable
        label="New findings"
        entries={f.newFindings}
        id={props.sides.newId}
        older={false}
        testId="finding-new"
      />
      <h4>Resolved findings ({f.resolvedFindings.length})</h4>
      <FindingTable
        label="Resolved findings"
        entries={f.resolvedFindings}
        id={props.sides.oldId}
        older
        testId="finding-resolved"
      />
      <h4>Escalation paths ({paths})</h4>
      {paths === 0 ? (
        <p className="muted">No escalation path appeared, went or changed.</p>
      ) : (
        <ul className="cmp-list" aria-label="Escalation paths changed">
          {shown.map(({ change: c }) =>
            c.kind === 'escalation-path-new' ? (
              <li key={`n${c.principal}`} data-testid="path-new">
                <Mark kind="added" /> New path of <PrincipalName id={props.sides.newId} arn={c.principal} />
                {c.conditional && <span className="badge warn">conditional</span>}:{' '}
                <span className="mono">{pathLine(c.steps)}</span>{' '}
                <span className="muted">({c.steps.map((s) => s.method).join(', ')})</span>
              </li>
            ) : c.kind === 'escalation-path-resolved' ? (
              <li key={`r${c.principal}`} data-testid="path-resolved">
                <Mark kind="removed" /> Path of{' '}
                <PrincipalName id={props.sides.oldId} arn={c.principal} older /> resolved
                {c.conditional && <span className="badge warn">conditional</span>}:{' '}
                <span className="mono">was {pathLine(c.steps)}</span>
              </li>
            ) : (
              <li key={`c${c.principal}`} data-testid="path-changed">
                <Mark kind="changed" /> Path of <PrincipalName id={props.sides.newId} arn={c.principal} />{' '}
                changed: <span className="mono">{pathLine(c.newSteps)}</span>{' '}
                <span className="muted">(was {pathLine(c.oldSteps)})</span>
              </li>
            ),
          )}
        </ul>
      )}
      {more}
    </>
  );
}
