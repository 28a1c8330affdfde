// Policy: one managed policy: its default document, syntax-highlighted, its versions and what it
// is attached to. Highlighting the statements an explanation points at comes with the Query view.
import { useEffect, useState } from 'react';
import { useServices } from '../../app/context';
import { ensureOpen } from '../../app/opened';
import { formatTime, Loading } from '../../app/ui';
import type { PolicyDetail } from '../../worker/types';
import { PolicyDocument } from './policy-document';

type State = { kind: 'loading' } | { kind: 'ok'; detail: PolicyDetail } | { kind: 'missing' };

/** The Policy view. */
export function PolicyView(props: { snapshotId: string; arn: string }) {
  const services = useServices();
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void (async () => {
      await ensureOpen(services, props.snapshotId);
      const detail = await services.engine.policy(props.snapshotId, props.arn);
      if (live) setState(detail ? { kind: 'ok', detail } : { kind: 'missing' });
    })();
    return () => {
      live = false;
    };
  }, [services, props.snapshotId, props.arn]);

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
          <PolicyDocument text={d.text} label={`Document of ${d.name}`} />
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
