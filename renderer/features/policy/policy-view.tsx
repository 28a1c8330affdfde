// Policy: one managed policy: its default document, syntax-highlighted, its versions and what it
// is attached to; or any other policy by key (inline, trust, resource, SCP, RCP). The statements an
// explanation points at (the hash's `?statements=`) are highlighted.
import { useServices, type Services } from '../../app/context';
import { useSnapshotDetail } from '../../app/opened';
import { formatTime, Loading } from '../../app/ui';
import type { PolicyDetail } from '../../worker/types';
import { parsePolicyKey } from '../../worker/policy-key';
import type { PolicySourceDetail } from '../../worker/query-types';
import { useHighlight, type Highlight } from './highlight';
import { PolicyDocument } from './policy-document';

const readPolicy = (services: Services, id: string, arn: string): Promise<PolicyDetail | undefined> =>
  services.engine.policy(id, arn);

function HighlightNote(props: { highlight: Highlight | undefined }) {
  const h = props.highlight;
  if (!h) return null;
  const what = h.tone === 'deny' ? 'denied' : h.tone === 'allow' ? 'allowed' : 'was considered for';
  return (
    <p className="highlight-note" role="note">
      <span>
        Highlighted: {h.sid ? <code>{h.sid}</code> : h.statements.map((i) => `Statement[${i}]`).join(', ')}, the statement that {what} the request in your query.
      </span>
      <button type="button" className="small" onClick={() => window.history.back()}>
        Back to the query
      </button>
    </p>
  );
}

const readPolicySource = (services: Services, id: string, key: string): Promise<PolicySourceDetail | undefined> =>
  services.engine.policySource(id, key);

/** A policy that is not a managed policy: inline, trust, resource-based, SCP or RCP. */
function PolicySourceView(props: { snapshotId: string; policyKey: string; highlight: Highlight | undefined }) {
  const services = useServices();
  const state = useSnapshotDetail(services, props.snapshotId, props.policyKey, readPolicySource);
  if (state.kind === 'loading') return <Loading what="the policy" />;
  if (state.kind === 'missing')
    return (
      <div className="view">
        <p className="error" role="alert">
          The policy <code>{props.policyKey}</code> is not in this snapshot.
        </p>
      </div>
    );
  const d = state.detail;
  return (
    <div className="view policy">
      <header className="view-header">
        <div>
          <p className="breadcrumb">{d.kindLabel}</p>
          <h2>{d.name}</h2>
          <p className="muted">
            {d.ownerArn ? <a href={`#/s/${encodeURIComponent(props.snapshotId)}/principal/${encodeURIComponent(d.ownerArn)}`}>{d.where}</a> : <span className="mono selectable">{d.where}</span>}
          </p>
        </div>
      </header>
      <section className="panel document" aria-label="Policy document">
        <h3>Document</h3>
        <HighlightNote highlight={props.highlight} />
        <PolicyDocument text={d.text} label={`Document of ${d.name}`} highlight={props.highlight} />
      </section>
    </div>
  );
}

/** The Policy view. */
export function PolicyView(props: { snapshotId: string; arn: string }) {
  const highlight = useHighlight();
  const loc = parsePolicyKey(props.arn);
  if (loc && loc.kind !== 'managed') return <PolicySourceView snapshotId={props.snapshotId} policyKey={props.arn} highlight={highlight} />;
  return <ManagedPolicyView snapshotId={props.snapshotId} arn={props.arn} highlight={highlight} />;
}

function ManagedPolicyView(props: { snapshotId: string; arn: string; highlight: Highlight | undefined }) {
  const services = useServices();
  const state = useSnapshotDetail(services, props.snapshotId, props.arn, readPolicy);

  if (state.kind === 'loading') return <Loading what="the policy" />;
  if (state.kind === 'missing')
    return (
      <div className="view">
        <p className="error" role="alert">
          The managed policy <code>{props.arn}</code> is not in this snapshot.
        </p>
      </div>
    );
  const d = state.detail;
  const sid = encodeURIComponent(props.snapshotId);
  return (
    <div className="view policy">
      <header className="view-header">
        <div>
          <p className="breadcrumb">Managed policy</p>
          <h2>
            {d.name} <span className={`badge ${d.awsManaged ? 'aws' : 'customer'}`}>{d.awsManaged ? 'AWS managed' : 'customer managed'}</span>
          </h2>
          <p className="mono muted selectable">{d.arn}</p>
          {d.description && <p>{d.description}</p>}
        </div>
      </header>
      <div className="policy-layout">
        <section className="panel document" aria-label="Policy document">
          <h3>
            Document <span className="muted">(default version {d.defaultVersionId ?? '—'})</span>
          </h3>
          <HighlightNote highlight={props.highlight} />
          <PolicyDocument text={d.text} label={`Document of ${d.name}`} highlight={props.highlight} />
        </section>
        <aside className="side">
          <section className="panel" aria-label="Attached to">
            <h3>
              Attached to <span className="count">{d.attachedTo.length}</span>
            </h3>
            {d.attachedTo.length === 0 ? (
              <p className="muted">Not attached in this snapshot.</p>
            ) : (
              <ul className="plain-list">
                {d.attachedTo.map((a) => (
                  <li key={a.arn}>
                    <a href={`#/s/${sid}/principal/${encodeURIComponent(a.arn)}`}>{a.name}</a>
                  </li>
                ))}
              </ul>
            )}
            {d.boundaryOf.length > 0 && (
              <>
                <h4>Permissions boundary of</h4>
                <ul className="plain-list">
                  {d.boundaryOf.map((a) => (
                    <li key={a.arn}>
                      <a href={`#/s/${sid}/principal/${encodeURIComponent(a.arn)}`}>{a.name}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="panel" aria-label="Versions">
            <h3>
              Versions <span className="count">{d.versions.length}</span>
            </h3>
            <ul className="plain-list">
              {d.versions.map((v) => (
                <li key={v.versionId}>
                  <span className="mono">{v.versionId}</span> {v.isDefault ? <span className="badge">default</span> : null} <span className="muted">{formatTime(v.createDate)}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
