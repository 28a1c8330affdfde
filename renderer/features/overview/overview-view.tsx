// Overview: the account, its counts, findings by severity, admins, the riskiest principals and
// the import warnings.
import { useState } from 'react';
import { useServices } from '../../app/context';
import { formatTime, sourceLabel } from '../../app/ui';
import { OverviewAnalysis } from './overview-analysis';
import { ReportExport } from '../report/report-export';
import { getBundle } from '../../db/library';
import type { SnapshotRecord } from '../../db/database';

const WARNINGS_SHOWN = 20;

/** The Overview view: the metadata and warnings recorded at import (the opened snapshot is not needed yet). */
export function OverviewView(props: { record: SnapshotRecord }) {
  const { record } = props;
  const meta = record;
  const c = meta.counts;
  const [allWarnings, setAllWarnings] = useState(false);
  const [exported, setExported] = useState('');
  const services = useServices();
  const exportBundle = async (): Promise<void> => {
    const content = await getBundle(services.db, record.id);
    if (content === undefined) return setExported('The snapshot data is missing from the library.');
    const safe = record.label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'snapshot';
    const r = await services.api.saveExport({ suggestedName: `${safe}.ariadne.json`, mimeType: 'application/json', content });
    setExported(r.kind === 'saved' ? `Saved ${r.name}.` : r.kind === 'error' ? r.message : '');
  };
  const base = `#/s/${encodeURIComponent(record.id)}`;
  const cards: [string, number, string?][] = [
    ['Users', c.users, `${base}/principals`],
    ['Groups', c.groups, `${base}/principals`],
    ['Roles', c.roles, `${base}/principals`],
    ['Managed policies', c.policies],
    ['Customer managed', c.customerPolicies],
    ['AWS managed', c.awsManagedPolicies],
    ['Inline policies', c.inlinePolicies],
    ['Instance profiles', c.instanceProfiles],
    ['Resource policies', c.resourcePolicies],
  ];
  const warnings = allWarnings ? meta.warnings : meta.warnings.slice(0, WARNINGS_SHOWN);
  return (
    <div className="view overview">
      <header className="view-header">
        <div>
          <h2>{record.label}</h2>
          <p className="muted">Account overview</p>
        </div>
        <div className="actions">
          <ReportExport snapshotId={record.id} />
          {exported && (
            <span className="muted" role="status">
              {exported}
            </span>
          )}
          <button type="button" onClick={() => void exportBundle()}>
            Export bundle…
          </button>
        </div>
      </header>
      <section className="panel" aria-label="Account">
        <dl className="facts">
          <div>
            <dt>Account</dt>
            <dd className="mono">{meta.account || '—'}</dd>
          </div>
          <div>
            <dt>Alias</dt>
            <dd>{meta.alias ?? '—'}</dd>
          </div>
          <div>
            <dt>Partition</dt>
            <dd className="mono">{meta.partition}</dd>
          </div>
          <div>
            <dt>Collected</dt>
            <dd>{formatTime(meta.collectedAt)}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>
              {sourceLabel(meta.source.kind)}
              {meta.source.inputs?.length ? <span className="muted"> · {meta.source.inputs.join(', ')}</span> : null}
              {meta.source.tool ? <span className="muted"> · {meta.source.tool}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Imported</dt>
            <dd>{formatTime(record.importedAt)}</dd>
          </div>
        </dl>
      </section>
      <section aria-label="Counts" className="cards">
        {cards.map(([label, n, link]) => (
          <div className="card" key={label} data-testid={`count-${label.toLowerCase().replace(/ /g, '-')}`}>
            <span className="card-number">{n.toLocaleString('en')}</span>
            {link ? (
              <a href={link} className="card-label">
                {label}
              </a>
            ) : (
              <span className="card-label">{label}</span>
            )}
          </div>
        ))}
      </section>
      <OverviewAnalysis snapshotId={record.id} />
      <section className="panel" aria-label="Import warnings">
        <h3>
          Warnings <span className="count">{meta.warnings.length}</span>
        </h3>
        {meta.warnings.length === 0 ? (
          <p className="muted">The snapshot was read without warnings.</p>
        ) : (
          <>
            <ul className="warnings">
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
            {meta.warnings.length > WARNINGS_SHOWN && (
              <button type="button" className="link" onClick={() => setAllWarnings(!allWarnings)}>
                {allWarnings ? 'Show fewer' : `Show all ${meta.warnings.length}`}
              </button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
