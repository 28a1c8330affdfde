// Principal: one user, group or role: membership, attached, inline and inherited policies with
// their documents, and a role's trust policy; then effective permissions, assumable roles, who can
// assume it, escalation paths and findings (principal-analysis.tsx).
import { useServices, type Services } from '../../app/context';
import { useSnapshotDetail } from '../../app/opened';
import { formatTime, Loading } from '../../app/ui';
import type { EntityLink, PolicyRef, PrincipalDetail } from '../../worker/types';
import { PolicyDocument } from '../policy/policy-document';
import { PrincipalAnalysis } from './principal-analysis';

const readPrincipal = (services: Services, id: string, arn: string): Promise<PrincipalDetail | undefined> =>
  services.engine.principal(id, arn);

function entityHref(snapshotId: string, view: 'principal' | 'policy', arn: string): string {
  return `#/s/${encodeURIComponent(snapshotId)}/${view}/${encodeURIComponent(arn)}`;
}

function Links(props: { snapshotId: string; links: EntityLink[]; empty: string; label: string }) {
  if (props.links.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <ul className="inline-list" aria-label={props.label}>
      {props.links.map((l) => (
        <li key={l.arn}>
          <a href={entityHref(props.snapshotId, 'principal', l.arn)}>{l.name}</a>
        </li>
      ))}
    </ul>
  );
}

function PolicyList(props: { snapshotId: string; policies: PolicyRef[]; empty: string }) {
  if (props.policies.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <div className="policy-list">
      {props.policies.map((p, i) => (
        <details key={`${p.arn ?? p.name}-${i}`} className="policy-item">
          <summary>
            <span className="strong">{p.name}</span>
            <span className={`badge ${p.kind === 'inline' ? 'inline' : p.awsManaged ? 'aws' : 'customer'}`}>{p.kind === 'inline' ? 'inline' : p.awsManaged ? 'AWS managed' : 'customer managed'}</span>
            {p.via ? <span className="muted"> via group {p.via}</span> : null}
          </summary>
          {p.arn ? (
            <p className="policy-meta">
              <a href={entityHref(props.snapshotId, 'policy', p.arn)}>Open policy</a> <span className="mono muted">{p.arn}</span>
            </p>
          ) : null}
          <PolicyDocument text={p.text} label={`Document of ${p.name}`} />
        </details>
      ))}
    </div>
  );
}

/** The Principal view. */
export function PrincipalView(props: { snapshotId: string; arn: string }) {
  const services = useServices();
  const state = useSnapshotDetail(services, props.snapshotId, props.arn, readPrincipal);

  if (state.kind === 'loading') return <Loading what="the principal" />;
  if (state.kind === 'missing')
    return (
      <div className="view">
        <p className="error" role="alert">
          No user, group or role <code>{props.arn}</code> in this snapshot.
        </p>
      </div>
    );
  const d = state.detail;
  return (
    <div className="view principal">
      <header className="view-header">
        <div>
          <p className="breadcrumb">
            <a href={`#/s/${encodeURIComponent(props.snapshotId)}/principals`}>Principals</a> /
          </p>
          <h2>
            {d.name} <span className={`kind kind-${d.kind}`}>{d.kind}</span>
          </h2>
          <p className="mono muted selectable">{d.arn}</p>
        </div>
        <div className="actions">
          <a className="button" href={`#/s/${encodeURIComponent(props.snapshotId)}/graph/${encodeURIComponent(d.arn)}`}>
            Show in graph
          </a>
        </div>
      </header>
      <section className="panel" aria-label="Details">
        <dl className="facts">
          <div>
            <dt>Path</dt>
            <dd className="mono">{d.path}</dd>
          </div>
          <div>
            <dt>Unique id</dt>
            <dd className="mono">{d.id}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatTime(d.createDate)}</dd>
          </div>
          {d.kind === 'role' && (
            <div>
              <dt>Last used</dt>
              <dd>{formatTime(d.lastUsed)}</dd>
            </div>
          )}
          {d.kind !== 'group' && (
            <div>
              <dt>Permissions boundary</dt>
              <dd className="mono">{d.boundary ? <a href={entityHref(props.snapshotId, 'policy', d.boundary)}>{d.boundary.split('/').pop()}</a> : '—'}</dd>
            </div>
          )}
          {d.description && (
            <div>
              <dt>Description</dt>
              <dd>{d.description}</dd>
            </div>
          )}
        </dl>
        {d.tags.length > 0 && (
          <ul className="inline-list" aria-label="Tags">
            {d.tags.map((t) => (
              <li key={t.key} className="tag">
                {t.key}={t.value}
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.kind === 'user' && (
        <section className="panel" aria-label="Group membership">
          <h3>
            Groups <span className="count">{d.groups.length}</span>
          </h3>
          <Links snapshotId={props.snapshotId} links={d.groups} empty="Not in any group." label="Groups" />
        </section>
      )}
      {d.kind === 'group' && (
        <section className="panel" aria-label="Members">
          <h3>
            Members <span className="count">{d.members.length}</span>
          </h3>
          <Links snapshotId={props.snapshotId} links={d.members} empty="No members." label="Members" />
        </section>
      )}
      {d.trustPolicy && (
        <section className="panel" aria-label="Trust policy">
          <h3>Trust policy</h3>
          <PolicyDocument text={d.trustPolicy.text} label={`Trust policy of ${d.name}`} />
        </section>
      )}
      <section className="panel" aria-label="Attached policies">
        <h3>
          Attached managed policies <span className="count">{d.attached.length}</span>
        </h3>
        <PolicyList snapshotId={props.snapshotId} policies={d.attached} empty="No managed policy attached." />
      </section>
      <section className="panel" aria-label="Inline policies">
        <h3>
          Inline policies <span className="count">{d.inline.length}</span>
        </h3>
        <PolicyList snapshotId={props.snapshotId} policies={d.inline} empty="No inline policy." />
      </section>
      {d.kind === 'user' && (
        <section className="panel" aria-label="Policies from groups">
          <h3>
            Policies from groups <span className="count">{d.inherited.length}</span>
          </h3>
          <PolicyList snapshotId={props.snapshotId} policies={d.inherited} empty="No policy comes through a group." />
        </section>
      )}
      <PrincipalAnalysis snapshotId={props.snapshotId} arn={d.arn} kind={d.kind} />
    </div>
  );
}
