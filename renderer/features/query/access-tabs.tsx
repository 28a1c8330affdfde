// The who-can and what-can tabs: forms and answers from core's effective-access engine, run in
// the engine worker. Statements link to the Policy view, highlighted. Imports React and this folder.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { RequiredCondition, WhatCanResult, WhoCanResult, StatementLimit } from '../../../core/index';
import { useServices } from '../../app/context';
import { ensureOpen } from '../../app/opened';
import { Loading } from '../../app/ui';
import type { AccessOutcome, QueryOptions } from '../../worker/query-types';
import { policyHref } from '../policy/highlight';
import { Ticked } from './ticked';
import { Combobox, type ComboOption } from './combobox';
import { ContextEditor } from './context-editor';
import { buildContext, type ContextRow } from './context-rows';
import { requirement } from './explain-view';
import type { QueryState } from './query-state';

type Keys = Record<string, { key: string; index: number }>;

/** An IAM ARN without its `arn:aws:iam::<account>:` prefix. */
function shortArn(arn: string): string {
  return arn.replace(/^arn:aws[\w-]*:iam::\d{12}:/, '');
}

/** Shared props of the tabs. */
export interface TabProps {
  snapshotId: string;
  state: QueryState;
  options: QueryOptions | undefined;
  onState: (s: QueryState) => void;
  principalOptions: ComboOption[];
  actionOptions: ComboOption[];
  resourceOptions: ComboOption[];
  actionProblem: (a: string) => string | undefined;
  resourceProblem: (r: string) => string | undefined;
}

function StatementRef(props: { id: string; keys: Keys; snapshotId: string; tone?: 'allow' | 'deny' | 'neutral' }) {
  const k = Object.hasOwn(props.keys, props.id) ? props.keys[props.id] : undefined;
  const text = shortArn(props.id);
  return k ? (
    <a className="mono stmt-ref" href={policyHref(props.snapshotId, k.key, [k.index], props.tone ?? 'neutral')} title={props.id}>
      {text}
    </a>
  ) : (
    <span className="mono stmt-ref" title={props.id}>
      {text}
    </span>
  );
}

function ConditionNeeded(props: { c: RequiredCondition; keys: Keys; snapshotId: string }) {
  const c = props.c;
  return (
    <li>
      {c.requirement === 'satisfy' ? 'needs ' : 'must avoid '}
      <Ticked text={requirement({ operator: c.operator, key: c.key, policyValues: c.values })} />{' '}
      <span className="muted">
        (
        {c.statements.map((s, i) => (
          <span key={s}>
            {i > 0 ? ', ' : ''}
            <StatementRef id={s} keys={props.keys} snapshotId={props.snapshotId} tone={c.requirement === 'satisfy' ? 'allow' : 'deny'} />
          </span>
        ))}
        )
      </span>
    </li>
  );
}

function WhoCanTable(props: { result: WhoCanResult; keys: Keys; snapshotId: string; known: Set<string>; onExplain: (principal: string) => void }) {
  const r = props.result;
  const [limit, setLimit] = useState(300);
  if (r.principals.length === 0) return <p className="muted">No principal can perform this action on this resource.</p>;
  const allowed = r.principals.filter((p) => p.decision === 'allowed').length;
  return (
    <section className="panel" aria-labelledby="whocan-heading">
      <h3 id="whocan-heading">
        Who can <code>{r.action}</code> on <code className="wrap">{r.resource}</code>
      </h3>
      <p className="muted small-text">
        {allowed} allowed · {r.principals.length - allowed} conditional · {r.evaluated} principals of the snapshot fully evaluated
      </p>
      <table className="table whocan-table" aria-label="Who can">
        <thead>
          <tr>
            <th scope="col">Principal</th>
            <th scope="col">Kind</th>
            <th scope="col">Answer</th>
            <th scope="col">Conditions needed</th>
            <th scope="col">Through</th>
            <th scope="col">
              <span className="visually-hidden">Explain</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {r.principals.slice(0, limit).map((p) => (
            <tr key={p.arn} data-testid="whocan-row">
              <th scope="row" className="mono wrap">
                {props.known.has(p.arn) ? (
                  <a href={`#/s/${encodeURIComponent(props.snapshotId)}/principal/${encodeURIComponent(p.arn)}`} title={p.arn}>
                    {shortArn(p.arn)}
                  </a>
                ) : (
                  <span title={p.arn}>{shortArn(p.arn)}</span>
                )}
              </th>
              <td>{p.kind}</td>
              <td>
                <span className={`answer answer-${p.decision}`}>{p.decision === 'allowed' ? '✓ allowed' : '◐ conditional'}</span>
              </td>
              <td>
                {p.conditions.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plain-list conditions-needed">
                    {p.conditions.map((c, i) => (
                      <ConditionNeeded key={i} c={c} keys={props.keys} snapshotId={props.snapshotId} />
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {p.via === 'resource' ? 'resource policy' : 'identity policies'}
                {p.external ? <span className="badge warn">external</span> : null}
              </td>
              <td>
                {props.known.has(p.arn) ? (
                  <button type="button" className="small" aria-label={`Explain the answer for ${p.arn}`} onClick={() => props.onExplain(p.arn)}>
                    Explain
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.principals.length > limit ? (
        <button type="button" className="small show-more" onClick={() => setLimit(r.principals.length)}>
          Show all {r.principals.length} principals ({r.principals.length - limit} more)
        </button>
      ) : null}
    </section>
  );
}

/** The who-can tab. */
export function WhoCanTab(props: TabProps) {
  const services = useServices();
  const s = props.state;
  const [rows, setRows] = useState<ContextRow[]>(() => s.context.map((c, i) => ({ id: i + 1, key: c.key, value: c.value })));
  const [tried, setTried] = useState(false);
  const [outcome, setOutcome] = useState<AccessOutcome<WhoCanResult> | { kind: 'busy' } | undefined>(undefined);
  const built = useMemo(() => buildContext(rows), [rows]);
  const known = useMemo(() => new Set(props.options?.principals.map((p) => p.arn) ?? []), [props.options]);
  const n = useRef(0);
  const problems = { action: props.actionProblem(s.action), resource: props.resourceProblem(s.resource) };
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTried(true);
    if (problems.action || problems.resource || built.problems.length > 0) return;
    props.onState({ ...s, context: rows.map((r) => ({ key: r.key, value: r.value })) });
    const mine = ++n.current;
    setOutcome({ kind: 'busy' });
    await ensureOpen(services, props.snapshotId);
    const r = await services.engine.whoCan(props.snapshotId, { action: s.action.trim(), resource: s.resource.trim(), context: built.context, strict: s.strict });
    if (mine === n.current) setOutcome(r);
  };
  return (
    <div>
      <form className="query-form panel" onSubmit={(e) => void onSubmit(e)} aria-label="Who-can question" noValidate>
        <div className="query-fields two">
          <Combobox label="Action" value={s.action} placeholder="sts:AssumeRole" options={props.actionOptions} onChange={(action) => props.onState({ ...s, action })} problem={tried ? problems.action : undefined} />
          <Combobox label="Resource" value={s.resource} placeholder="arn:aws:iam::…:role/… or *" options={props.resourceOptions} onChange={(resource) => props.onState({ ...s, resource })} problem={tried ? problems.resource : undefined} />
        </div>
        <ContextEditor rows={rows} problems={built.problems} onChange={setRows} />
        <div className="form-actions">
          <button type="submit" className="primary">
            Ask
          </button>
          <label className="check">
            <input type="checkbox" checked={s.strict} onChange={(e) => props.onState({ ...s, strict: e.target.checked })} /> Strict: keys not given are absent (list only who is allowed outright)
          </label>
        </div>
      </form>
      <div aria-live="polite">
        {outcome === undefined ? null : outcome.kind === 'busy' ? (
          <Loading what="the answer" />
        ) : outcome.kind === 'error' ? (
          <p className="error" role="alert">
            <Ticked text={outcome.message} />
          </p>
        ) : (
          <WhoCanTable result={outcome.result} keys={outcome.statementKeys} snapshotId={props.snapshotId} known={known} onExplain={(principal) => props.onState({ ...s, context: rows.map((r) => ({ key: r.key, value: r.value })), tab: 'can', principal, asked: true })} />
        )}
      </div>
    </div>
  );
}

function Limit(props: { l: StatementLimit; keys: Keys; snapshotId: string }) {
  const l = props.l;
  return (
    <li>
      <span className={`effect effect-${l.effect.toLowerCase()}`}>{l.effect}</span> <StatementRef id={l.statement} keys={props.keys} snapshotId={props.snapshotId} tone={l.effect === 'Allow' ? 'allow' : 'deny'} /> <span className="muted">({l.layer})</span>
      {' on '}
      {l.notResource ? 'all but ' : ''}
      {l.resources.map((r, i) => (
        <code key={i} className="wrap">
          {i > 0 ? ', ' : ''}
          {r}
        </code>
      ))}
      {l.conditions.length > 0 ? (
        <span className="muted">
          {' when '}
          {l.conditions.map((c, i) => (
            <span key={i}>
              {i > 0 ? ' and ' : ''}
              <Ticked text={requirement({ operator: c.operator, key: c.key, policyValues: c.values })} />
            </span>
          ))}
        </span>
      ) : null}
    </li>
  );
}

type ServiceEntry = WhatCanResult['services'][number];

/** One service, collapsible; its actions are rendered only while it is open (admins have thousands). */
function ServiceDetails(props: { service: ServiceEntry; keys: Keys; snapshotId: string }) {
  const s = props.service;
  const [open, setOpen] = useState(false);
  const count = s.levels.reduce((n, l) => n + l.groups.reduce((m, g) => m + g.actions.length, 0), 0);
  return (
    <details className="service" data-testid="whatcan-service" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="mono strong">{s.service}</span> <span className="count">{count}</span> <span className="muted small-text">{s.levels.map((l) => l.level).join(' · ')}</span>
      </summary>
      {open &&
        s.levels.map((l) => (
          <div key={l.level} className="level">
            <h4>{l.level}</h4>
            {l.groups.map((g, gi) => (
              <div key={gi} className="group">
                <p className="actions-list">
                  {g.actions.map((a) => (
                    <code key={a}>{a}</code>
                  ))}
                </p>
                <ul className="plain-list limits">
                  {g.grants.map((x, i) => (
                    <Limit key={`g${i}`} l={x} keys={props.keys} snapshotId={props.snapshotId} />
                  ))}
                  {g.limits.map((x, i) => (
                    <Limit key={`l${i}`} l={x} keys={props.keys} snapshotId={props.snapshotId} />
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))}
    </details>
  );
}

function WhatCanResultView(props: { result: WhatCanResult; keys: Keys; snapshotId: string }) {
  const r = props.result;
  return (
    <section className="panel" aria-labelledby="whatcan-heading">
      <h3 id="whatcan-heading">
        What <code>{r.principal.replace(/^arn:aws:iam::\d{12}:/, '')}</code> can do
      </h3>
      <p className="muted small-text" data-testid="whatcan-summary">
        {r.actionCount} actions in {r.services.length} services, on some resource. Open a service to see its actions by access level, the statements granting them and what limits them.
      </p>
      <div className="services">
        {r.services.map((s) => (
          <ServiceDetails key={s.service} service={s} keys={props.keys} snapshotId={props.snapshotId} />
        ))}
      </div>
      {r.viaResourcePolicies.length > 0 ? (
        <>
          <h4>Through resource policies</h4>
          <ul className="plain-list">
            {r.viaResourcePolicies.map((v, i) => (
              <li key={i}>
                <code className="wrap">{v.resource}</code>: {v.actions.join(', ')} <StatementRef id={v.statement} keys={props.keys} snapshotId={props.snapshotId} tone="allow" />
                {v.conditional ? <span className="badge warn">conditional</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The what-can tab. */
export function WhatCanTab(props: TabProps) {
  const services = useServices();
  const s = props.state;
  const [tried, setTried] = useState(false);
  const [outcome, setOutcome] = useState<AccessOutcome<WhatCanResult> | { kind: 'busy' } | undefined>(undefined);
  const n = useRef(0);
  const problem = s.principal.trim() ? undefined : 'choose a user or role';
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    const mine = ++n.current;
    setOutcome({ kind: 'busy' });
    await ensureOpen(services, props.snapshotId);
    const r = await services.engine.whatCan(props.snapshotId, s.principal.trim());
    if (mine === n.current) setOutcome(r);
  };
  return (
    <div>
      <form className="query-form panel" onSubmit={(e) => void onSubmit(e)} aria-label="What-can question" noValidate>
        <div className="query-fields one">
          <Combobox label="Principal" value={s.principal} placeholder="search users and roles" options={props.principalOptions} onChange={(principal) => props.onState({ ...s, principal })} problem={tried ? problem : undefined} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary">
            Ask
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {outcome === undefined ? null : outcome.kind === 'busy' ? (
          <Loading what="the answer" />
        ) : outcome.kind === 'error' ? (
          <p className="error" role="alert">
            <Ticked text={outcome.message} />
          </p>
        ) : (
          <WhatCanResultView result={outcome.result} keys={outcome.statementKeys} snapshotId={props.snapshotId} />
        )}
      </div>
    </div>
  );
}
