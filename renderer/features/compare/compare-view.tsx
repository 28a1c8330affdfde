// The comparison screen: `#/compare/<id>` picks a second snapshot of the same account, and
// `#/compare/<old>/<new>` shows what changed (counts, then collapsible sections). Snapshots of
// different accounts are refused. No core imports (the diff runs in the comparison's worker).
import { startTransition, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useServices } from '../../app/context';
import { href, navigate } from '../../app/router';
import { formatTime, Loading } from '../../app/ui';
import type { SnapshotRecord } from '../../db/database';
import { useLibrary, useSnapshotRecord } from '../../db/hooks';
import { AnalysisStatus } from '../findings/analysis-status';
import type { AnalysisState } from '../findings/analysis-state';
import { entriesOf, olderFirst, summaryOf, type SummaryItem } from './compare-model';
import {
  AccessSection,
  AttachmentsSection,
  BoundariesSection,
  FindingsChanges,
  MembershipsSection,
  PoliciesSection,
  PrincipalsSection,
  Section,
  TagsSection,
  TrustSection,
  type Sides,
} from './compare-sections';
import { useComparison, type FindingsPart } from './compare-state';
import type { Comparison } from '../../worker/types';
import '../findings/findings.css';
import './compare.css';

function accountName(r: SnapshotRecord): string {
  return `${r.account || 'unknown account'}${r.alias ? ` (${r.alias})` : ''}`;
}

function when(r: SnapshotRecord): string {
  return r.collectedAt ? `collected ${formatTime(r.collectedAt)}` : `imported ${formatTime(r.importedAt)}`;
}

function compareHref(a: SnapshotRecord, b: SnapshotRecord): string {
  const [o, n] = olderFirst(a, b);
  return href({ kind: 'compare', oldId: o.id, newId: n.id });
}

/** `#/compare/<id>`: the other snapshots of the same account to compare with. */
function ComparePicker(props: { id: string }) {
  const services = useServices();
  const record = useSnapshotRecord(services.db, props.id);
  const library = useLibrary(services.db);
  if (record === undefined || library === undefined) return <Loading what="the library" />;
  if (record === null) return <Missing />;
  const same = library.filter(
    (s) => s.id !== record.id && s.account === record.account && s.partition === record.partition,
  );
  const others = library.length - 1 - same.length;
  return (
    <div className="view compare">
      <header className="view-header">
        <div>
          <h2>Compare {record.label}</h2>
          <p className="muted">
            Pick another snapshot of account {accountName(record)} to see what changed between them. The older
            one is the baseline.
          </p>
        </div>
      </header>
      {same.length === 0 ? (
        <section className="panel empty">
          <h3>No other snapshot of this account</h3>
          <p className="muted">
            Import or pull a later snapshot of account {accountName(record)}, then compare them here.
          </p>
        </section>
      ) : (
        <table className="table" aria-label="Snapshots of the same account">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Collected</th>
              <th scope="col">Imported</th>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {same.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.label}</th>
                <td>{formatTime(s.collectedAt)}</td>
                <td>{formatTime(s.importedAt)}</td>
                <td className="row-actions">
                  <a className="button small primary" href={compareHref(record, s)}>
                    Compare with {s.label}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {others > 0 && (
        <p className="muted">
          {others} snapshot{others === 1 ? ' is' : 's are'} of other accounts and cannot be compared with this
          one.
        </p>
      )}
    </div>
  );
}

function Missing() {
  return (
    <div className="view">
      <p className="error" role="alert">
        A snapshot of this comparison is not in the library (it may have been deleted).{' '}
        <a href="#/library">Back to the library</a>
      </p>
    </div>
  );
}

/** The refusal of two snapshots that are not of one account. */
function Refusal(props: { message: ReactNode }) {
  return (
    <section className="panel cmp-refusal" role="alert" data-testid="compare-refused">
      <h3>These snapshots cannot be compared</h3>
      <p>{props.message}</p>
      <p className="muted">
        A comparison shows what changed in one account between two snapshots. Pick two snapshots of the same
        account in the library.
      </p>
      <a href="#/library">Back to the library</a>
    </section>
  );
}

function Header(props: { old: SnapshotRecord; new: SnapshotRecord }) {
  const { old: a, new: b } = props;
  const [o] = olderFirst(a, b);
  const reversed = o.id !== a.id;
  return (
    <header className="view-header">
      <div>
        <h2>What changed in {accountName(b)}</h2>
        <p className="cmp-sides">
          <span>
            <span className="cmp-side-label">From</span>{' '}
            <a href={href({ kind: 'snapshot', id: a.id, view: 'overview' })}>{a.label}</a>{' '}
            <span className="muted">{when(a)}</span>
          </span>
          <span aria-hidden="true"> → </span>
          <span>
            <span className="cmp-side-label">to</span>{' '}
            <a href={href({ kind: 'snapshot', id: b.id, view: 'overview' })}>{b.label}</a>{' '}
            <span className="muted">{when(b)}</span>
          </span>
        </p>
        {reversed && (
          <p className="status" role="status">
            The baseline is the newer snapshot: additions here are what the later snapshot does not have.
          </p>
        )}
      </div>
      <div className="actions">
        <a className="button small" href={href({ kind: 'compare', oldId: b.id, newId: a.id })}>
          Swap
        </a>
      </div>
    </header>
  );
}

function Summary(props: { items: readonly SummaryItem[] }) {
  const open = (section: string): void => {
    const el = document.getElementById(`cmp-${section}`);
    if (el instanceof HTMLDetailsElement) el.open = true;
    el?.scrollIntoView({ block: 'start' });
  };
  return (
    <section aria-label="Summary of changes" className="cmp-summary">
      {props.items.map((i) => (
        <button
          key={i.id}
          type="button"
          className={`card cmp-card cmp-card-${i.tone}${i.value === 0 ? ' cmp-card-zero' : ''}`}
          onClick={() => open(i.section)}
          data-testid={`summary-${i.id}`}
        >
          <span className="card-number">{i.value}</span>
          <span className="card-label">{i.label}</span>
        </button>
      ))}
    </section>
  );
}

function analysisWord(s: AnalysisState): string {
  if (s.kind === 'ok') return 'ready';
  if (s.kind === 'running') return `${s.progress.stage}…`;
  if (s.kind === 'idle') return 'not started';
  return s.kind;
}

/** The findings section: the changes once compared, else plainly where the analyses stand. */
function FindingsSection(props: {
  part: FindingsPart;
  comparison: Comparison;
  entries: ReturnType<typeof entriesOf>;
  sides: Sides;
}) {
  const p = props.part;
  const count = props.comparison.diff.counts.findings;
  if (p.kind === 'compared') {
    const failed = [props.comparison.diff.parts.findings, props.comparison.diff.parts.escalation].filter(
      (x) => x.kind === 'failed',
    );
    return (
      <Section
        id="findings"
        title="Findings and escalation paths"
        count={count}
        open
        note={failed.map((f, i) => (
          <p key={i} className="error" role="alert">
            Not compared: {f.kind === 'failed' ? f.message : ''}
          </p>
        ))}
      >
        <FindingsChanges entries={props.entries} sides={props.sides} />
      </Section>
    );
  }
  let note: ReactNode;
  if (p.kind === 'unavailable') {
    note = (
      <div data-testid="findings-unavailable">
        <p className="error" role="alert">
          Findings and escalation paths are not compared: {p.reason}.
        </p>
        <div className="cmp-analyses">
          {p.old && <AnalysisStatus snapshotId={props.sides.oldId} state={p.old} />}
          {p.new && <AnalysisStatus snapshotId={props.sides.newId} state={p.new} />}
        </div>
      </div>
    );
  } else if (p.kind === 'comparing') {
    note = (
      <p className="status working" role="status" data-testid="findings-pending">
        Comparing the findings and escalation paths of both snapshots…
      </p>
    );
  } else {
    note = (
      <div data-testid="findings-pending">
        <p className="status working" role="status">
          Findings and escalation paths are compared once both snapshots are analysed (older:{' '}
          {analysisWord(p.old)}; newer: {analysisWord(p.new)}).
        </p>
        <div className="cmp-analyses">
          <AnalysisStatus snapshotId={props.sides.oldId} state={p.old} />
          <AnalysisStatus snapshotId={props.sides.newId} state={p.new} />
        </div>
      </div>
    );
  }
  return (
    <Section id="findings" title="Findings and escalation paths" count={0} open note={note}>
      {null}
    </Section>
  );
}

function ComparisonBody(props: { old: SnapshotRecord; new: SnapshotRecord }) {
  const services = useServices();
  const sides: Sides = { oldId: props.old.id, newId: props.new.id };
  const { state, findings } = useComparison(services, sides.oldId, sides.newId);
  if (state.kind === 'running') {
    const pct = state.progress.total
      ? Math.round(((state.progress.done ?? 0) / state.progress.total) * 100)
      : undefined;
    return (
      <div className="status working" role="status" data-testid="compare-progress">
        <span>Comparing: {state.progress.stage}…</span>
        <progress max={100} value={pct} aria-label="Comparison progress" />
      </div>
    );
  }
  if (state.kind === 'refused') return <Refusal message={state.message} />;
  if (state.kind === 'error') {
    return (
      <p className="error" role="alert">
        The comparison failed: {state.message}
      </p>
    );
  }
  return <ComparisonResult comparison={state.comparison} findings={findings} sides={sides} />;
}

/** Sections mounted so far: one more per commit, so a large comparison never holds the UI thread long. */
function useMountedCount(total: number): number {
  const [n, setN] = useState(1);
  useEffect(() => {
    if (n >= total) return;
    const t = setTimeout(() => startTransition(() => setN((x) => x + 1)), 0);
    return () => clearTimeout(t);
  }, [n, total]);
  return n;
}

function ComparisonResult(props: { comparison: Comparison; findings: FindingsPart; sides: Sides }) {
  const { comparison: c, findings, sides } = props;
  const entries = useMemo(() => entriesOf(c), [c]);
  const access = c.diff.parts.access;
  const accessNote =
    access.kind === 'compared' ? undefined : (
      <p
        className={access.kind === 'failed' ? 'error' : 'muted'}
        role={access.kind === 'failed' ? 'alert' : undefined}
      >
        Effective access was not compared: {access.kind === 'failed' ? access.message : access.reason}.
      </p>
    );
  const total = c.diff.changes.length;
  const sections = [
    <PrincipalsSection key="principals" entries={entries} sides={sides} />,
    <PoliciesSection key="policies" entries={entries} sides={sides} />,
    <AttachmentsSection
      key="attachments"
      entries={entries}
      sides={sides}
      count={c.diff.counts.attachments}
    />,
    <MembershipsSection
      key="memberships"
      entries={entries}
      sides={sides}
      count={c.diff.counts.memberships}
    />,
    <TrustSection key="trust" entries={entries} sides={sides} />,
    <BoundariesSection key="boundaries" entries={entries} sides={sides} />,
    ...(c.diff.counts.tags > 0 ? [<TagsSection key="tags" entries={entries} sides={sides} />] : []),
    <AccessSection
      key="access"
      entries={entries}
      sides={sides}
      {...(accessNote ? { note: accessNote } : {})}
    />,
    <FindingsSection key="findings" part={findings} comparison={c} entries={entries} sides={sides} />,
  ];
  const mounted = useMountedCount(sections.length);
  return (
    <>
      <Summary items={summaryOf(c.diff)} />
      <p className="muted cmp-total" data-testid="compare-total">
        {total} change{total === 1 ? '' : 's'} · {c.diff.old.users} → {c.diff.new.users} users,{' '}
        {c.diff.old.roles} → {c.diff.new.roles} roles, {c.diff.old.groups} → {c.diff.new.groups} groups,{' '}
        {c.diff.old.policies} → {c.diff.new.policies} managed policies
      </p>
      {sections.slice(0, mounted)}
    </>
  );
}

/** `#/compare/<old>/<new>`: the comparison, or the refusal. */
function ComparisonView(props: { oldId: string; newId: string }) {
  const services = useServices();
  const a = useSnapshotRecord(services.db, props.oldId);
  const b = useSnapshotRecord(services.db, props.newId);
  if (a === undefined || b === undefined) return <Loading what="the snapshots" />;
  if (a === null || b === null) return <Missing />;
  const sameAccount = a.account !== '' && a.account === b.account && a.partition === b.partition;
  return (
    <div className="view compare">
      {sameAccount ? (
        <>
          <Header old={a} new={b} />
          {a.id === b.id ? (
            <p className="muted" role="status">
              This is one snapshot compared with itself: nothing changed.{' '}
              <a href={href({ kind: 'compare', oldId: a.id })}>Pick another snapshot</a>
            </p>
          ) : (
            <ComparisonBody key={`${a.id}/${b.id}`} old={a} new={b} />
          )}
        </>
      ) : (
        <>
          <header className="view-header">
            <div>
              <h2>Comparison</h2>
            </div>
          </header>
          <Refusal
            message={
              a.account === '' || b.account === '' ? (
                <>
                  {a.account === '' ? a.label : b.label} names no account, so it cannot be shown to be of the
                  same account as {a.account === '' ? b.label : a.label}.
                </>
              ) : (
                <>
                  <strong>{a.label}</strong> is of account {accountName(a)} and <strong>{b.label}</strong> is
                  of account {accountName(b)}.
                </>
              )
            }
          />
        </>
      )}
    </div>
  );
}

/** The comparison screen for a `compare` route. */
export function CompareScreen(props: { oldId: string; newId?: string | undefined }) {
  if (props.newId === undefined) return <ComparePicker id={props.oldId} />;
  return <ComparisonView oldId={props.oldId} newId={props.newId} />;
}

/** Opens the comparison of two stored snapshots, the older as the baseline. */
export function openComparison(a: SnapshotRecord, b: SnapshotRecord): void {
  const [o, n] = olderFirst(a, b);
  navigate({ kind: 'compare', oldId: o.id, newId: n.id });
}
