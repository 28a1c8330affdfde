// The Overview's analysis panels: findings by severity (each linking to the Findings view),
// the administrators, and the riskiest principals (most findings, paths to admin). Links to the
// Findings view carry their filter in the address (findings/deep-link.ts). No core imports.
import { useMemo } from 'react';
import { useServices } from '../../app/context';
import { AnalysisStatus } from '../findings/analysis-status';
import { useAnalysis } from '../findings/analysis-state';
import { findingHref } from '../findings/deep-link';
import {
  countBySeverity,
  graphHref,
  NO_FILTER,
  principalHref,
  riskiestPrincipals,
  SEVERITY_ORDER,
  shortName,
} from '../findings/filter';
import '../findings/findings.css';

function PrincipalLink(props: { snapshotId: string; arn: string }) {
  const href = principalHref(props.snapshotId, props.arn);
  return href ? (
    <a href={href} title={props.arn}>
      {shortName(props.arn)}
    </a>
  ) : (
    <span className="mono">{props.arn}</span>
  );
}

/** Findings by severity, admins and the riskiest principals of snapshot `snapshotId`. */
export function OverviewAnalysis(props: { snapshotId: string }) {
  const services = useServices();
  const { snapshotId } = props;
  const state = useAnalysis(services, snapshotId);
  const data = state.kind === 'ok' ? state.data : undefined;
  const counts = useMemo(() => countBySeverity(data?.findings ?? []), [data]);
  const risky = useMemo(() => (data ? riskiestPrincipals(data.findings, data.paths) : []), [data]);
  const findingsHref = `#/s/${encodeURIComponent(snapshotId)}/findings`;
  return (
    <>
      <AnalysisStatus snapshotId={snapshotId} state={state} />
      <div className="two-col">
        <section className="panel" aria-label="Findings by severity">
          <h3>Findings by severity {data ? <span className="count">{data.findings.length}</span> : null}</h3>
          {data ? (
            <>
              <div className="sev-counts">
                {SEVERITY_ORDER.map((s) => (
                  <a
                    key={s}
                    href={findingHref(snapshotId, null, { ...NO_FILTER, severity: s })}
                    className={`sev-card sev-${s}`}
                    data-testid={`overview-severity-${s}`}
                  >
                    <span className="card-number">{counts[s]}</span>
                    <span className="card-label">{s}</span>
                  </a>
                ))}
              </div>
              <p>
                <a href={findingsHref}>Review the findings</a>
              </p>
            </>
          ) : (
            <p className="muted">
              {state.kind === 'running' ? 'The analysis is running…' : 'No analysis yet.'}
            </p>
          )}
        </section>
        <section className="panel" aria-label="Administrators and riskiest principals">
          <h3>Administrators</h3>
          {data ? (
            data.admins.length === 0 ? (
              <p className="muted">No principal has administrator access.</p>
            ) : (
              <ul className="risky-list" aria-label="Administrators">
                {data.admins.map((a) => (
                  <li key={a}>
                    <PrincipalLink snapshotId={snapshotId} arn={a} />
                    <span className="muted small-text">
                      {data.fullAdmins.includes(a) ? 'full administrator' : 'shadow admin (one call away)'} ·{' '}
                      <a href={graphHref(snapshotId, a)}>graph</a>
                    </span>
                  </li>
                ))}
              </ul>
            )
          ) : (
            <p className="muted">
              {state.kind === 'running' ? 'The analysis is running…' : 'No analysis yet.'}
            </p>
          )}
          <h3>Riskiest principals</h3>
          {data ? (
            risky.length === 0 ? (
              <p className="muted">No principal has findings.</p>
            ) : (
              <ul className="risky-list" aria-label="Riskiest principals">
                {risky.map((r) => (
                  <li key={r.arn}>
                    <span>
                      <PrincipalLink snapshotId={snapshotId} arn={r.arn} />{' '}
                      <span className={`sev sev-${r.worst}`}>{r.worst}</span>
                    </span>
                    <span className="muted small-text">
                      <a href={findingHref(snapshotId, null, { ...NO_FILTER, principal: r.arn })}>
                        {r.findings} finding{r.findings === 1 ? '' : 's'}
                      </a>
                      {r.hasPath ? (
                        <>
                          {' · '}
                          <a href={graphHref(snapshotId, r.arn)}>path to admin</a>
                        </>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </section>
      </div>
    </>
  );
}
