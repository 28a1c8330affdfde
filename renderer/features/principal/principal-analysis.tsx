// The Principal view's analysis sections: effective permissions by service and access level
// (what-can), who can assume a role (who-can), the roles a principal can assume (the engine
// worker's assumableRoles: every role asked), its escalation steps and path, and its findings.
// Core types only (`import type`).
import { Fragment, useEffect, useMemo, useState } from 'react';
import type { WhatCanResult, WhoCanResult } from '../../../core/index';
import { useServices } from '../../app/context';
import { ensureOpen } from '../../app/opened';
import { Loading } from '../../app/ui';
import type { AccessOutcome } from '../../worker/query-types';
import type { AssumableRoles, PrincipalKind } from '../../worker/types';
import { AnalysisStatus } from '../findings/analysis-status';
import { useAnalysis } from '../findings/analysis-state';
import { findingHref } from '../findings/deep-link';
import { graphHref, NO_FILTER, principalHref, shortName } from '../findings/filter';
import { SeverityBadge, Ticked } from '../findings/findings-view';
import { conditionText, escalationHops, levelCounts, needsNote, principalAdmin, ASSUME_ACTIONS, ACCESS_LEVELS } from './principal-facts';
import '../findings/findings.css';
import './principal.css';

type Loaded<T> = { kind: 'loading' } | AccessOutcome<T>;

function Name(props: { snapshotId: string; arn: string }) {
  const href = principalHref(props.snapshotId, props.arn);
  const text = props.arn === 'admin' ? 'administrator' : shortName(props.arn);
  return href ? (
    <a href={href} title={props.arn}>
      {text}
    </a>
  ) : (
    <span className="mono" title={props.arn}>
      {text}
    </span>
  );
}

/** Effective permissions: one row per service with action counts per access level, expandable. */
function EffectivePermissions(props: { snapshotId: string; arn: string }) {
  const services = useServices();
  const [state, setState] = useState<Loaded<WhatCanResult>>({ kind: 'loading' });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [limit, setLimit] = useState(60);
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void (async () => {
      await ensureOpen(services, props.snapshotId);
      const r = await services.engine.whatCan(props.snapshotId, props.arn);
      if (live) setState(r);
    })();
    return () => {
      live = false;
    };
  }, [services, props.snapshotId, props.arn]);
  const rows = useMemo(() => (state.kind === 'ok' ? levelCounts(state.result) : []), [state]);
  if (state.kind === 'loading') return <Loading what="the effective permissions" />;
  if (state.kind === 'error')
    return (
      <p className="error" role="alert">
        <Ticked text={state.message} />
      </p>
    );
  const r = state.result;
  const toggle = (service: string): void => {
    const next = new Set(open);
    if (next.has(service)) next.delete(service);
    else next.add(service);
    setOpen(next);
  };
  return (
    <>
      <p className="muted small-text">
        {r.actionCount.toLocaleString('en')} actions allowed on some resource, in {rows.length.toLocaleString('en')} services
        {r.viaResourcePolicies.length > 0 ? ` · ${r.viaResourcePolicies.length} grants from resource policies` : ''}
      </p>
      {rows.length === 0 ? (
        <p className="muted">No action is allowed.</p>
      ) : (
        <table className="table perm-table" aria-label="Effective permissions">
          <thead>
            <tr>
              <th scope="col">Service</th>
              {ACCESS_LEVELS.map((l) => (
                <th key={l} scope="col" className="num">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((row) => {
              const expanded = open.has(row.service);
              return (
                <Fragment key={row.service}>
                  <tr data-testid="perm-row">
                    <th scope="row">
                      <button type="button" className="link mono" aria-expanded={expanded} onClick={() => toggle(row.service)}>
                        <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
                        {row.service}
                      </button>
                    </th>
                    {ACCESS_LEVELS.map((l) => (
                      <td key={l} className="num" aria-label={`${row.service} ${l}`}>
                        {row.counts[l] ? row.counts[l] : <span className="muted">·</span>}
                      </td>
                    ))}
                  </tr>
                  {expanded ? (
                    <tr className="perm-detail">
                      <td colSpan={ACCESS_LEVELS.length + 1}>
                        {row.levels.map((l) => (
                          <div key={l.level} className="level">
                            <h4>{l.level}</h4>
                            <p className="actions-list">
                              {l.actions.map((a) => (
                                <code key={a}>{a}</code>
                              ))}
                            </p>
                          </div>
                        ))}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length > limit ? (
        <button type="button" className="small show-more" onClick={() => setLimit(rows.length)}>
          Show all {rows.length} services
        </button>
      ) : null}
      <p className="small-text">
        <a href={`#/s/${encodeURIComponent(props.snapshotId)}/query?tab=what-can&ask=1&principal=${encodeURIComponent(props.arn)}`}>
          Open in the Query view
        </a>{' '}
        <span className="muted">for the granting and limiting statements</span>
      </p>
    </>
  );
}

/** Who can assume a role: who-can for the assume actions, merged. */
function AssumedBy(props: { snapshotId: string; arn: string }) {
  const services = useServices();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ok'; entries: (WhoCanResult['principals'][number] & { action: string })[] } | { kind: 'error'; message: string }>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void (async () => {
      await ensureOpen(services, props.snapshotId);
      const entries: (WhoCanResult['principals'][number] & { action: string })[] = [];
      for (const action of ASSUME_ACTIONS) {
        const r = await services.engine.whoCan(props.snapshotId, { action, resource: props.arn, context: {}, strict: false });
        if (r.kind === 'error') {
          if (live) setState(r);
          return;
        }
        for (const p of r.result.principals) if (!entries.some((e) => e.arn === p.arn)) entries.push({ ...p, action });
      }
      entries.sort((a, b) => (a.decision === b.decision ? (a.arn < b.arn ? -1 : 1) : a.decision === 'allowed' ? -1 : 1));
      if (live) setState({ kind: 'ok', entries });
    })();
    return () => {
      live = false;
    };
  }, [services, props.snapshotId, props.arn]);
  if (state.kind === 'loading') return <Loading what="who can assume it" />;
  if (state.kind === 'error')
    return (
      <p className="error" role="alert">
        <Ticked text={state.message} />
      </p>
    );
  if (state.entries.length === 0) return <p className="muted">No principal can assume this role.</p>;
  return (
    <ul className="plain-list assume-list" aria-label="Who can assume it">
      {state.entries.map((e) => (
        <li key={e.arn}>
          <Name snapshotId={props.snapshotId} arn={e.arn} /> <span className="muted small-text">{e.kind}</span>{' '}
          <span className={`assume-answer assume-${e.decision}`}>{e.decision === 'allowed' ? '✓ allowed' : '◐ conditional'}</span>
          {e.conditions.length > 0 ? <span className="muted small-text"> needs {e.conditions.map((c) => `${c.key}`).join(', ')}</span> : null}
          {e.action !== 'sts:AssumeRole' ? <span className="muted small-text"> via {e.action}</span> : null}
          {e.external && e.kind !== 'service' ? <span className="badge warn">external</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** How many entries a long list shows before "Show all". */
const LIST_LIMIT = 50;

/** The roles it can assume, from effective access (every role of the snapshot asked). */
function AssumableRolesPanel(props: { snapshotId: string; arn: string }) {
  const services = useServices();
  const [state, setState] = useState<Loaded<AssumableRoles>>({ kind: 'loading' });
  const [limit, setLimit] = useState(LIST_LIMIT);
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    setLimit(LIST_LIMIT);
    void (async () => {
      await ensureOpen(services, props.snapshotId);
      const r = await services.engine.assumableRoles(props.snapshotId, props.arn);
      if (live) setState(r);
    })();
    return () => {
      live = false;
    };
  }, [services, props.snapshotId, props.arn]);
  const roles = state.kind === 'ok' ? state.result.roles : [];
  const allowed = roles.filter((r) => r.decision === 'allowed').length;
  return (
    <section className="panel" aria-label="Roles it can assume">
      <h3>Roles it can assume {state.kind === 'ok' ? <span className="count">{roles.length}</span> : null}</h3>
      {state.kind === 'loading' ? (
        <Loading what="the roles it can assume" />
      ) : state.kind === 'error' ? (
        <p className="error" role="alert">
          <Ticked text={state.message} />
        </p>
      ) : (
        <>
          <p className="muted small-text" data-ms={state.result.ms}>
            sts:AssumeRole asked of all {state.result.checked.toLocaleString('en')} roles (trust policy, its own policies, SCPs, boundary): {allowed.toLocaleString('en')} allowed,{' '}
            {(roles.length - allowed).toLocaleString('en')} conditional
          </p>
          {roles.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="plain-list assume-list" aria-label="Roles it can assume">
              {roles.slice(0, limit).map((r) => (
                <li key={r.arn} data-testid="assumable-role">
                  <Name snapshotId={props.snapshotId} arn={r.arn} /> <span className={`assume-answer assume-${r.decision}`}>{r.decision === 'allowed' ? '✓ allowed' : '◐ conditional'}</span>
                  {r.decision === 'conditional' ? (
                    <span className="muted small-text" title={r.conditions.map(conditionText).join('\n')}>
                      {' '}
                      {needsNote(r.conditions)}
                    </span>
                  ) : null}
                  {r.via === 'resource' ? <span className="muted small-text"> by its trust policy alone</span> : null}
                </li>
              ))}
            </ul>
          )}
          {roles.length > limit ? (
            <button type="button" className="small show-more" onClick={() => setLimit(roles.length)}>
              Show all {roles.length.toLocaleString('en')} roles
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The escalation graph's hops out of the principal (hops on a shortest path to admin only). */
function EscalationSteps(props: { snapshotId: string; hops: ReturnType<typeof escalationHops> | undefined }) {
  const [limit, setLimit] = useState(LIST_LIMIT);
  const { hops } = props;
  return (
    <section className="panel" aria-label="Escalation steps from here">
      <h3>Escalation steps from here {hops ? <span className="count">{hops.length}</span> : null}</h3>
      <p className="muted small-text">Hops on a shortest path to admin, from the escalation graph: not everything it can reach.</p>
      {!hops ? (
        <p className="muted">…</p>
      ) : hops.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain-list assume-list small-text" aria-label="Escalation steps from here">
          {hops.slice(0, limit).map((h) => (
            <li key={`${h.to} ${h.method}`}>
              → <Name snapshotId={props.snapshotId} arn={h.to} /> <strong>{h.method}</strong>
              {h.onPath ? <span className="badge">first step of its path</span> : null}
            </li>
          ))}
        </ul>
      )}
      {hops && hops.length > limit ? (
        <button type="button" className="small show-more" onClick={() => setLimit(hops.length)}>
          Show all {hops.length.toLocaleString('en')} steps
        </button>
      ) : null}
    </section>
  );
}

/** The analysis sections of the Principal view. */
export function PrincipalAnalysis(props: { snapshotId: string; arn: string; kind: PrincipalKind }) {
  const services = useServices();
  const { snapshotId, arn, kind } = props;
  const analysis = useAnalysis(services, snapshotId);
  const data = analysis.kind === 'ok' ? analysis.data : undefined;
  const findings = useMemo(() => (data ? data.findings.filter((f) => f.principal === arn) : []), [data, arn]);
  const path = data?.paths.find((p) => p.principal === arn);
  const pathFinding = findings.find((f) => f.evidence.steps.length > 0);
  const admin = data ? principalAdmin(data, arn) : undefined;
  const hops = useMemo(() => (data ? escalationHops(data.escalation.edges, arn, path) : undefined), [data, arn, path]);
  const findingsHref = findingHref(snapshotId, null, { ...NO_FILTER, principal: arn });
  return (
    <>
      <AnalysisStatus snapshotId={snapshotId} state={analysis} />
      {kind !== 'group' ? (
        <section className="panel" aria-label="Effective permissions">
          <h3>Effective permissions</h3>
          <EffectivePermissions snapshotId={snapshotId} arn={arn} />
        </section>
      ) : null}
      {kind === 'role' ? (
        <section className="panel" aria-label="Who can assume it">
          <h3>Who can assume it</h3>
          <AssumedBy snapshotId={snapshotId} arn={arn} />
        </section>
      ) : null}
      {kind !== 'group' ? <AssumableRolesPanel snapshotId={snapshotId} arn={arn} /> : null}
      <EscalationSteps snapshotId={snapshotId} hops={hops} />
      <section className="panel" aria-label="Escalation path">
        <h3>
          Escalation to admin
          {admin ? <span className="badge warn">{admin === 'full' ? 'administrator' : 'shadow admin'}</span> : null}
        </h3>
        {!data ? (
          <p className="muted">…</p>
        ) : path ? (
          <>
            <p className="small-text">
              {path.conditional ? 'Conditional path' : 'Path'} in {path.steps.length} step{path.steps.length === 1 ? '' : 's'}:
            </p>
            <ol className="path-steps small-text" data-testid="principal-path">
              {path.steps.map((s, i) => (
                <li key={i}>
                  <Name snapshotId={snapshotId} arn={s.from} /> → <Name snapshotId={snapshotId} arn={s.to} /> <strong>{s.method}</strong>
                  {s.permissions.length > 0 ? <span className="muted"> ({s.permissions.join(', ')})</span> : null}
                  {s.conditional ? <span className="badge warn">conditional</span> : null}
                </li>
              ))}
            </ol>
            <p className="small-text">
              <a className="button small" href={graphHref(snapshotId, pathFinding ? undefined : arn, pathFinding?.id)}>
                Show path in graph
              </a>
            </p>
          </>
        ) : (
          <p className="muted">{admin ? 'It is an administrator already.' : 'No path to admin.'}</p>
        )}
      </section>
      <section className="panel" aria-label="Findings of this principal">
        <h3>
          Findings {data ? <span className="count">{findings.length}</span> : null}
        </h3>
        {!data ? (
          <p className="muted">…</p>
        ) : findings.length === 0 ? (
          <p className="muted">No finding.</p>
        ) : (
          <ul className="plain-list principal-findings" aria-label="Findings">
            {findings.map((f) => (
              <li key={f.id}>
                <SeverityBadge severity={f.severity} />{' '}
                <a href={findingHref(snapshotId, f.id)} data-testid="principal-finding-link">
                  <Ticked text={f.title} />
                </a>{' '}
                <span className="muted small-text mono">{f.rule}</span>
                {f.evidence.steps.length > 0 ? (
                  <>
                    {' '}
                    <a className="small-text" href={graphHref(snapshotId, undefined, f.id)}>
                      path in graph
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {data ? (
          <p className="small-text">
            <a href={findingsHref}>Open the Findings view</a>
          </p>
        ) : null}
      </section>
    </>
  );
}
