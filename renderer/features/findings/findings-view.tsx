// Findings: the analysis's findings with counts by severity, filters (severity, rule, principal,
// triage), a detail panel (evidence, remediation, the rule's documentation), triage saved in the
// library (a decision carried from an earlier snapshot of the account shown as such until this
// snapshot has its own), "show path in graph" for escalation findings, and deep links: the selected finding and
// the filters live in the hash (#/s/<id>/findings/<finding-id>?severity=…), replaced in place on
// every change, so a reload or a copied link comes back to them. No core imports at run time.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Finding } from '../../../core/index';
import { useServices } from '../../app/context';
import { parseRoute } from '../../app/router';
import { formatTime, Loading } from '../../app/ui';
import { setTriage, triageOf } from '../../db/library';
import type { TriageRecord } from '../../db/database';
import type { RuleDoc } from '../../worker/analysis';
import { AnalysisStatus } from './analysis-status';
import { ReportExport } from '../report/report-export';
import { useAnalysis } from './analysis-state';
import { useCarriedTriage } from './carried-state';
import { CopyLink } from './copy-link';
import { filterFromHash, findingHref, hashSubject, replaceHash, useHash } from './deep-link';
import {
  countBySeverity,
  filterFindings,
  graphHref,
  principalHref,
  revealFilter,
  rulesOf,
  SEVERITY_ORDER,
  shortName,
  TRIAGE_STATES,
  triageLabel,
  type FindingFilter,
  type TriageState,
} from './filter';
import { carriedFromText, effectiveTriage, sourceDay, type EffectiveTriage } from './triage-effective';
import './findings.css';

function useTriage(snapshotId: string): {
  records: Map<string, TriageRecord>;
  save: (findingId: string, status: TriageState, note: string) => Promise<string | undefined>;
} {
  const services = useServices();
  const [records, setRecords] = useState(new Map<string, TriageRecord>());
  const load = useCallback(async () => {
    const all = await triageOf(services.db, snapshotId);
    setRecords(new Map(all.map((r) => [r.findingId, r])));
  }, [services.db, snapshotId]);
  useEffect(() => {
    void load();
  }, [load]);
  const save = async (findingId: string, status: TriageState, note: string): Promise<string | undefined> => {
    const r = await setTriage(services.db, snapshotId, findingId, status, note);
    await load();
    return r.kind === 'error' ? r.message : undefined;
  };
  return { records, save };
}

/** A finding's text with its `quoted` parts set as code. */
export function Ticked(props: { text: string }) {
  const parts = props.text.split('`');
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 && i < parts.length - 1 ? (
          <code key={i} className="ticked">
            {p}
          </code>
        ) : (
          <span key={i}>{i % 2 === 1 ? `\`${p}` : p}</span>
        ),
      )}
    </>
  );
}

/** The severity badge. */
export function SeverityBadge(props: { severity: Finding['severity'] }) {
  return <span className={`sev sev-${props.severity}`}>{props.severity}</span>;
}

/** A finding's triage state and note, own or carried. */
function stateOf(t: EffectiveTriage | undefined): { status: TriageState; note: string } {
  if (!t) return { status: 'open', note: '' };
  return t.kind === 'own' ? t.record : t.carried;
}

/** The line saying a decision was carried from an earlier snapshot, with its note. */
function CarriedLine(props: { triage: EffectiveTriage | undefined }) {
  if (props.triage?.kind !== 'carried') return null;
  const c = props.triage.carried;
  return (
    <div className="triage-carried" data-testid="triage-carried">
      <p>
        <span className={`triage triage-${c.status}`}>{triageLabel(c.status)}</span> — carried from{' '}
        <strong>{c.from.label}</strong>, <span className="nowrap">{sourceDay(c.from.at)}</span>
        {c.updatedAt ? <span className="muted"> (decided {formatTime(c.updatedAt)})</span> : null}
      </p>
      {c.note.trim() ? <blockquote className="triage-carried-note">{c.note}</blockquote> : null}
      <p className="muted small-text">Saving below records this snapshot&apos;s own decision, which then replaces the carried one.</p>
    </div>
  );
}

function TriageForm(props: {
  finding: Finding;
  triage: EffectiveTriage | undefined;
  onSave: (status: TriageState, note: string) => Promise<string | undefined>;
}) {
  const [status, setStatus] = useState<TriageState>(stateOf(props.triage).status);
  const [note, setNote] = useState(stateOf(props.triage).note);
  const [message, setMessage] = useState('');
  const record = props.triage?.kind === 'own' ? props.triage.record : undefined;
  useEffect(() => {
    const now = stateOf(props.triage);
    setStatus(now.status);
    setNote(now.note);
  }, [props.finding.id, props.triage]);
  useEffect(() => setMessage(''), [props.finding.id]);
  return (
    <form
      className="triage-form"
      aria-label="Triage"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSave(status, note).then((err) => setMessage(err ?? 'Triage saved.'));
      }}
    >
      <fieldset>
        <legend>Triage</legend>
        <CarriedLine triage={props.triage} />
        <div className="triage-states">
          {TRIAGE_STATES.map((s) => (
            <label key={s}>
              <input
                type="radio"
                name="triage"
                value={s}
                checked={status === s}
                onChange={() => setStatus(s)}
              />{' '}
              {triageLabel(s)}
            </label>
          ))}
        </div>
        <label className="triage-note">
          Note
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={3}
            maxLength={10_000}
            placeholder="Why, who decided, a ticket…"
          />
        </label>
        <div className="triage-actions">
          <button type="submit" className="primary small">
            Save triage
          </button>
          {record ? (
            <span className="muted" data-testid="triage-when">
              {triageLabel(record.status)} since {formatTime(record.updatedAt)}
            </span>
          ) : null}
          {message ? (
            <span className="muted" role="status">
              {message}
            </span>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}

function Detail(props: {
  snapshotId: string;
  finding: Finding;
  rule: RuleDoc | undefined;
  triage: EffectiveTriage | undefined;
  onSave: (status: TriageState, note: string) => Promise<string | undefined>;
}) {
  const { finding: f, rule, snapshotId } = props;
  const principalLink = f.principal ? principalHref(snapshotId, f.principal) : undefined;
  return (
    <aside className="panel finding-detail" aria-label="Finding detail">
      <h3>
        <SeverityBadge severity={f.severity} /> <Ticked text={f.title} />
      </h3>
      <p className="finding-link">
        <CopyLink hash={findingHref(snapshotId, f.id)} />
      </p>
      <dl className="facts">
        <div>
          <dt>Rule</dt>
          <dd className="mono">{f.rule}</dd>
        </div>
        {f.principal ? (
          <div>
            <dt>Principal</dt>
            <dd>
              {principalLink ? (
                <a href={principalLink}>{shortName(f.principal)}</a>
              ) : (
                <span className="mono">{f.principal}</span>
              )}
              {principalLink ? (
                <>
                  {' · '}
                  <a href={graphHref(snapshotId, f.principal)}>Show in graph</a>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {f.resource ? (
          <div>
            <dt>Resource</dt>
            <dd className="mono">{f.resource}</dd>
          </div>
        ) : null}
      </dl>
      {f.evidence.steps.length > 0 ? (
        <section>
          <h4>Escalation path</h4>
          <ol className="path-steps">
            {f.evidence.steps.map((s, i) => (
              <li key={i}>
                <span className="mono">{shortName(s.from)}</span> →{' '}
                <span className="mono">{s.to === 'admin' ? 'administrator' : shortName(s.to)}</span> by{' '}
                <strong>{s.method}</strong>
                {s.permissions.length ? <span className="muted"> ({s.permissions.join(', ')})</span> : null}
                {s.conditional ? <span className="badge warn">conditional</span> : null}
                {s.prerequisites.length ? (
                  <div className="muted small-text">needs: {s.prerequisites.join('; ')}</div>
                ) : null}
              </li>
            ))}
          </ol>
          <a className="button small" href={graphHref(snapshotId, f.principal, f.id)}>
            Show path in graph
          </a>
        </section>
      ) : null}
      {f.evidence.statements.length > 0 ? (
        <section>
          <h4>Statements</h4>
          {f.evidence.statements.map((s, i) => (
            <div key={i} className="evidence-statement">
              <p className="muted">
                {s.policyKind} policy{' '}
                {s.policyKind === 'managed' && s.policyArn ? (
                  <a href={`#/s/${encodeURIComponent(snapshotId)}/policy/${encodeURIComponent(s.policyArn)}`}>
                    {s.policy}
                  </a>
                ) : (
                  <strong>{s.policy}</strong>
                )}
                {s.attachedTo ? <> of {shortName(s.attachedTo)}</> : null}, statement {s.statementIndex}
                {s.sid ? ` (${s.sid})` : ''}
              </p>
              <pre className="code">{s.text}</pre>
            </div>
          ))}
        </section>
      ) : null}
      {f.evidence.values.length > 0 ? (
        <section>
          <h4>Values</h4>
          <dl className="values">
            {f.evidence.values.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd className="mono">{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <section>
        <h4>Remediation</h4>
        <p>
          <Ticked text={f.remediation} />
        </p>
      </section>
      {rule ? (
        <section>
          <h4>About the rule</h4>
          <p>
            <Ticked text={rule.description} />
          </p>
          {rule.docs.length ? (
            <ul className="plain-list">
              {rule.docs.map((d) => (
                <li key={d.url}>
                  <a href={d.url} target="_blank" rel="noreferrer noopener">
                    {d.title}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <TriageForm finding={f} triage={props.triage} onSave={props.onSave} />
    </aside>
  );
}

/** Rows of the findings table drawn at first, and added by "Show more". */
const ROWS_STEP = 300;

/** The Findings view of snapshot `snapshotId`. */
export function FindingsView(props: { snapshotId: string }) {
  const services = useServices();
  const { snapshotId } = props;
  const state = useAnalysis(services, snapshotId);
  const triage = useTriage(snapshotId);
  const location = useHash();
  const [filter, setFilter] = useState<FindingFilter>(() => filterFromHash(window.location.hash));
  const [selected, setSelected] = useState<string | null>(() => hashSubject(window.location.hash) ?? null);
  // A finding the address asked for (a deep link, Back or Forward): shown once the analysis is in.
  const [reveal, setReveal] = useState<string | null>(selected);
  // Rows drawn: a large account has thousands of findings; the table grows on demand.
  const [limit, setLimit] = useState(ROWS_STEP);
  const data = state.kind === 'ok' ? state.data : undefined;
  const carried = useCarriedTriage(services, snapshotId, data?.findings);
  const effective = useMemo(() => effectiveTriage(triage.records.values(), carried.values()), [triage.records, carried]);
  const triageState = useCallback((id: string): TriageState => stateOf(effective.get(id)).status, [effective]);
  const shown = useMemo(
    () => (data ? filterFindings(data.findings, filter, triageState) : []),
    [data, filter, triageState],
  );
  const counts = useMemo(() => countBySeverity(data?.findings ?? []), [data]);
  const rules = useMemo(() => rulesOf(data?.findings ?? []), [data]);
  const ruleDocs = useMemo(() => new Map((data?.rules ?? []).map((r) => [r.id, r])), [data]);
  const current = shown.find((f) => f.id === selected) ?? data?.findings.find((f) => f.id === selected);
  const missing = data && selected !== null && !current ? selected : null;

  // A link to a Findings address while the view is open applies it (the first one is the initial state).
  useEffect(() => {
    if (location.tick === 0) return;
    const r = parseRoute(location.hash);
    if (r.kind !== 'snapshot' || r.id !== snapshotId || r.view !== 'findings') return;
    setFilter(filterFromHash(location.hash));
    setSelected(r.arn ?? null);
    setReveal(r.arn ?? null);
  }, [location, snapshotId]);

  // The address follows the selection and the filters, in place (no history entry per click).
  useEffect(() => {
    const r = parseRoute(window.location.hash);
    if (r.kind === 'snapshot' && r.id === snapshotId && r.view === 'findings')
      replaceHash(findingHref(snapshotId, selected, filter));
  }, [snapshotId, selected, filter]);

  // Reveal the linked finding: clear the filters that hide it, scroll its row into view.
  useEffect(() => {
    if (reveal === null || !data) return;
    const f = data.findings.find((x) => x.id === reveal);
    if (!f) return setReveal(null);
    if (filterFindings([f], filter, triageState).length === 0) return setFilter(revealFilter(filter, f, triageState));
    const at = shown.findIndex((x) => x.id === f.id);
    if (at >= limit) return setLimit(at + 1 + (ROWS_STEP >> 1));
    setReveal(null);
    const row = document.querySelector<HTMLElement>(`[data-finding-id="${CSS.escape(f.id)}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.querySelector<HTMLElement>('button.finding-title')?.focus({ preventScroll: true });
  }, [reveal, data, filter, triageState, shown, limit]);

  return (
    <div className="view findings">
      <header className="view-header">
        <div>
          <h2>Findings</h2>
          <p className="muted">
            {data
              ? `${data.findings.length} findings${state.kind === 'ok' && state.cached ? ' · from the cache' : ''}`
              : 'The analysis of this snapshot'}
          </p>
        </div>
        <ReportExport snapshotId={props.snapshotId} />
      </header>
      <AnalysisStatus snapshotId={props.snapshotId} state={state} />
      {state.kind === 'idle' ? <Loading what="the analysis" /> : null}
      {missing !== null ? (
        <div className="status error-line" role="alert" data-testid="finding-missing">
          <span>
            No finding <code className="ticked">{missing}</code> in this snapshot&apos;s analysis: the link may be
            for another snapshot, or the finding is no longer reported.
          </span>
          <button type="button" className="small" onClick={() => setSelected(null)}>
            Show all findings
          </button>
        </div>
      ) : null}
      {data ? (
        <>
          <section className="sev-counts" aria-label="Findings by severity">
            {SEVERITY_ORDER.map((s) => (
              <button
                key={s}
                type="button"
                className={`sev-card sev-${s}${filter.severity === s ? ' active' : ''}`}
                aria-pressed={filter.severity === s}
                onClick={() => setFilter({ ...filter, severity: filter.severity === s ? '' : s })}
                data-testid={`severity-${s}`}
              >
                <span className="card-number">{counts[s]}</span>
                <span className="card-label">{s}</span>
              </button>
            ))}
          </section>
          {data.notes.length ? (
            <ul className="warnings" aria-label="Analysis notes">
              {data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          <div className="toolbar findings-filters" role="search" aria-label="Filter findings">
            <label>
              Severity{' '}
              <select
                value={filter.severity}
                onChange={(e) =>
                  setFilter({ ...filter, severity: e.target.value as FindingFilter['severity'] })
                }
              >
                <option value="">any</option>
                {SEVERITY_ORDER.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Rule{' '}
              <select value={filter.rule} onChange={(e) => setFilter({ ...filter, rule: e.target.value })}>
                <option value="">any</option>
                {rules.map((r) => (
                  <option key={r.rule} value={r.rule}>
                    {r.rule} ({r.count})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Principal{' '}
              <input
                type="search"
                value={filter.principal}
                placeholder="name or ARN"
                onChange={(e) => setFilter({ ...filter, principal: e.target.value })}
                data-shortcut="find"
              />
            </label>
            <label>
              Triage{' '}
              <select
                value={filter.triage}
                onChange={(e) => setFilter({ ...filter, triage: e.target.value as FindingFilter['triage'] })}
              >
                <option value="">any</option>
                {TRIAGE_STATES.map((s) => (
                  <option key={s} value={s}>
                    {triageLabel(s)}
                  </option>
                ))}
              </select>
            </label>
            <span className="result-count muted" data-testid="findings-count">
              {shown.length} of {data.findings.length}
            </span>
          </div>
          <div className="findings-layout">
            <table className="table findings-table" aria-label="Findings">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Finding</th>
                  <th scope="col">Principal</th>
                  <th scope="col">Triage</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="empty muted">
                      No finding matches the filters.
                    </td>
                  </tr>
                ) : (
                  shown.slice(0, limit).map((f) => {
                    const e = effective.get(f.id);
                    const t = stateOf(e).status;
                    return (
                      <tr
                        key={f.id}
                        data-testid="finding-row"
                        data-finding-id={f.id}
                        className={f.id === selected ? 'active' : undefined}
                        aria-selected={f.id === selected}
                      >
                        <td>
                          <SeverityBadge severity={f.severity} />
                        </td>
                        <td>
                          <button
                            type="button"
                            className="link finding-title"
                            onClick={() => setSelected(f.id)}
                          >
                            <Ticked text={f.title} />
                          </button>
                          <div className="mono muted small-text">{f.rule}</div>
                        </td>
                        <td className="mono small-text">
                          {f.principal ? shortName(f.principal) : f.resource ? shortName(f.resource) : '—'}
                        </td>
                        <td>
                          <span className={`triage triage-${t}`}>{triageLabel(t)}</span>
                          {e?.kind === 'carried' ? (
                            <span className="triage-carried-tag" title={carriedFromText(e.carried)}>
                              carried
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })
                )}
              </tbody>
              {shown.length > limit ? (
                <tfoot>
                  <tr>
                    <td colSpan={4} className="muted">
                      Showing {limit.toLocaleString('en')} of {shown.length.toLocaleString('en')}: narrow the filters, or{' '}
                      <button type="button" className="small" onClick={() => setLimit(limit + ROWS_STEP)}>
                        Show {Math.min(ROWS_STEP, shown.length - limit).toLocaleString('en')} more
                      </button>
                    </td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
            {current ? (
              <Detail
                snapshotId={props.snapshotId}
                finding={current}
                rule={ruleDocs.get(current.rule)}
                triage={effective.get(current.id)}
                onSave={(s, n) => triage.save(current.id, s, n)}
              />
            ) : (
              <aside className="panel finding-detail muted" aria-label="Finding detail">
                Choose a finding to see its evidence, remediation and triage.
              </aside>
            )}
          </div>
        </>
      ) : null}
    </div>
  );
}
