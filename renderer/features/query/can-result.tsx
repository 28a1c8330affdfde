// The answer to a `can` question: the decision (colour, symbol and words), the deciding statements
// with links to the Policy view where they are highlighted, hints for missing context keys, and
// the trace per policy kind. Imports React and the pure mapping.
import type { ReactNode } from 'react';
import type { Decision } from '../../../core/index';
import type { CanOutcome } from '../../worker/query-types';
import { policyHref } from '../policy/highlight';
import { explanationView, type LayerView, type StatementView } from './explain-view';
import { Ticked } from './ticked';


const STATUS: Record<StatementView['status'], string> = {
  allows: 'Allows',
  denies: 'Denies',
  notMatched: 'Does not match',
  conditionFailed: 'Condition not met',
};

function StatementLine(props: { s: StatementView; snapshotId: string }) {
  const s = props.s;
  const tone = s.status === 'allows' ? 'allow' : s.status === 'denies' ? 'deny' : 'neutral';
  const name = `${s.sid ? `Sid ${s.sid}` : `Statement[${s.index}]`}`;
  return (
    <li className={`stmt stmt-${s.status}${s.deciding ? ' deciding' : ''}`} data-testid={s.deciding ? 'deciding-statement' : 'statement'}>
      <span className={`stmt-status status-${s.status}`}>{STATUS[s.status]}</span>
      <span className="stmt-body">
        <span className="stmt-name">
          {s.policy.key ? (
            <a href={policyHref(props.snapshotId, s.policy.key, [s.index], tone, s.sid)} aria-label={`Open ${name} of ${s.policy.label.replace(/`/g, '')} in the Policy view`}>
              {name}
            </a>
          ) : (
            <span>{name}</span>
          )}{' '}
          <span className="muted">
            {s.effect} · <Ticked text={s.policy.label} />
          </span>
          {s.deciding ? <span className="badge deciding-badge">deciding</span> : null}
        </span>
        {s.reasons.length > 0 ? (
          <ul className="reasons">
            {s.reasons.map((r, i) => (
              <li key={i}>
                <Ticked text={r} />
              </li>
            ))}
          </ul>
        ) : null}
      </span>
    </li>
  );
}

function Layer(props: { layer: LayerView; snapshotId: string }) {
  const l = props.layer;
  const headingId = `layer-${l.kind}`;
  return (
    <section className={`layer layer-${l.tone}`} aria-labelledby={headingId}>
      <h4 id={headingId}>
        {l.title} <span className={`verdict verdict-${l.tone}`}>{l.verdict}</span>
      </h4>
      {l.statements.length > 0 ? (
        <ul className="stmts">
          {l.statements.map((s) => (
            <StatementLine key={s.id} s={s} snapshotId={props.snapshotId} />
          ))}
        </ul>
      ) : null}
      {l.otherActions > 0 ? (
        <p className="muted small-text">
          {l.otherActions} {l.otherActions === 1 ? 'statement is' : 'statements are'} about other actions.
        </p>
      ) : null}
    </section>
  );
}

/** The decision's symbol, drawn (fonts lack some symbols); the words carry the meaning. */
function DecisionIcon(props: { decision: Decision }) {
  const common = { width: 34, height: 34, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2.4, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const, 'aria-hidden': true };
  if (props.decision === 'allowed')
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="10" />
        <path d="M7 12.5l3.2 3.2L17 9" />
      </svg>
    );
  if (props.decision === 'explicitDeny')
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="10" />
        <path d="M8.5 8.5l7 7M15.5 8.5l-7 7" />
      </svg>
    );
  return (
    <svg {...common}>
      <circle cx="12" cy="12" r="10" strokeDasharray="3 2.6" />
      <path d="M8 12h8" />
    </svg>
  );
}

/** The `can` answer. */
export function CanResult(props: { outcome: Extract<CanOutcome, { kind: 'ok' }>; snapshotId: string }) {
  const v = explanationView(props.outcome);
  const e = props.outcome.explain;
  return (
    <div className="can-result">
      <div className={`decision decision-${v.decision}`} role="status" data-testid="decision" aria-label={`Decision: ${v.headline}`}>
        <span className="decision-symbol">
          <DecisionIcon decision={v.decision} />
        </span>
        <div>
          <p className="decision-headline">{v.headline}</p>
          <p className="decision-detail">
            <code>{e.action}</code> on <code className="wrap">{e.resource}</code>
            {e.crossAccount ? ' (cross-account)' : ''}. {v.detail}
          </p>
        </div>
      </div>
      {v.deciding.length > 0 ? (
        <section className="panel" aria-labelledby="deciding-heading">
          <h3 id="deciding-heading">{v.decision === 'allowed' ? 'Allowed by' : 'Denied by'}</h3>
          <ul className="stmts">
            {v.deciding.map((s) => (
              <StatementLine key={s.id} s={s} snapshotId={props.snapshotId} />
            ))}
          </ul>
        </section>
      ) : null}
      {v.missingKeys.length > 0 || v.hints.length > 0 ? (
        <section className="panel hints" aria-labelledby="hints-heading">
          <h3 id="hints-heading">Context that would change the answer</h3>
          {v.missingKeys.length > 0 ? (
            <p>
              Not in the request (evaluated as absent): {v.missingKeys.map((k, i) => <code key={i}>{k}</code>).reduce<ReactNode[]>((acc, n, i) => (i === 0 ? [n] : [...acc, ', ', n]), [])}
            </p>
          ) : null}
          <ul className="plain-list">
            {v.hints.map((h, i) => (
              <li key={i} data-testid="hint">
                <Ticked text={h} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.outcome.notes.length > 0 ? (
        <ul className="warnings" aria-label="Notes">
          {props.outcome.notes.map((n, i) => (
            <li key={i}>
              <Ticked text={n} />
            </li>
          ))}
        </ul>
      ) : null}
      <section className="panel trace" aria-labelledby="trace-heading">
        <h3 id="trace-heading">Evaluation trace</h3>
        {v.layers.map((l) => (
          <Layer key={l.kind} layer={l} snapshotId={props.snapshotId} />
        ))}
        {props.outcome.snapshotKeys.length > 0 ? (
          <p className="muted small-text">
            From the snapshot: {props.outcome.snapshotKeys.map((k) => `${k} = ${JSON.stringify(props.outcome.context[k])}`).join(' · ')}
          </p>
        ) : null}
      </section>
    </div>
  );
}
