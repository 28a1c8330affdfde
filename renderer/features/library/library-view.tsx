// Library: the stored snapshots. Import through the file chooser (dropping files works on every view), open,
// rename, tag, delete with confirmation, and select two to compare.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useServices } from '../../app/context';
import { formatTime, Modal, sourceLabel } from '../../app/ui';
import { navigate } from '../../app/router';
import { forgetOpened } from '../../app/opened';
import { forgetAnalysis } from '../findings/analysis-state';
import { openComparison } from '../compare/compare-view';
import { readBrowserFiles, type ImportState } from '../../app/importer';
import { useLibrary } from '../../db/hooks';
import { deleteSnapshot, renameSnapshot, tagSnapshot } from '../../db/library';
import type { SnapshotRecord } from '../../db/database';
import type { InputFile } from '../../worker/engine';

/** Props: the import runner lives in the app shell, so progress shows on every view. */
export interface LibraryProps {
  runImport: (files: InputFile[]) => Promise<ImportState>;
  importing: boolean;
  /** True while the first start imports the demo snapshot. */
  preparingDemo?: boolean;
}

/** The Library view. */
export function LibraryView({ runImport, importing, preparingDemo = false }: LibraryProps) {
  const services = useServices();
  const snapshots = useLibrary(services.db);
  const [editing, setEditing] = useState<SnapshotRecord | null>(null);
  const [deleting, setDeleting] = useState<SnapshotRecord | null>(null);
  const [recent, setRecent] = useState<{ id: string; name: string }[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const inputId = useId();
  const toggle = (id: string): void => setSelected((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]));
  const chosen = (snapshots ?? []).filter((s) => selected.includes(s.id));
  const compare = (): void => {
    if (chosen.length === 2) openComparison(chosen[0]!, chosen[1]!);
  };

  useEffect(() => {
    services.api.recentSnapshots().then(
      (r) => setRecent(r.entries),
      () => setRecent([]),
    );
  }, [services.api]);

  const importAndOpen = async (files: InputFile[]): Promise<void> => {
    const result = await runImport(files);
    if (result.kind === 'done') navigate({ kind: 'snapshot', id: result.record.id, view: 'overview' });
  };

  const onChoose = async (e: FormEvent<HTMLInputElement>): Promise<void> => {
    const input = e.currentTarget;
    const list = input.files;
    if (!list || list.length === 0) return;
    const files = await readBrowserFiles(list);
    input.value = '';
    await importAndOpen(files);
  };

  const openRecent = async (id: string): Promise<void> => {
    const r = await services.api.openRecentSnapshot(id);
    if (r.kind === 'ok') await importAndOpen(r.files);
  };

  return (
    <div className="view library">
      <header className="view-header">
        <div>
          <h2>Snapshot library</h2>
          <p className="muted">Snapshots stay on this machine. Import an authorization-details file or an Ariadne bundle, or drop files anywhere in the window.</p>
        </div>
        <div className="actions">
          <input id={inputId} className="visually-hidden" type="file" accept=".json,application/json" multiple disabled={importing} onChange={(e) => void onChoose(e)} />
          <label htmlFor={inputId} className={`button primary${importing ? ' disabled' : ''}`}>
            Import snapshot…
          </label>
        </div>
      </header>

      {recent.length > 0 && (
        <section className="panel" aria-label="Recent files">
          <h3>Recent files</h3>
          <ul className="inline-list">
            {recent.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => void openRecent(r.id)}>
                  {r.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {snapshots === undefined || (snapshots.length === 0 && preparingDemo) ? (
        <p className="muted" role="status">
          {preparingDemo ? 'Opening the demo snapshot…' : 'Loading the library…'}
        </p>
      ) : snapshots.length === 0 ? (
        <section className="panel empty">
          <h3>No snapshots yet</h3>
          <p className="muted">Import a file to begin.</p>
        </section>
      ) : (
        <>
          {snapshots.length > 1 && (
            <div className="library-compare" role="group" aria-label="Compare snapshots">
              <button type="button" className="small" disabled={chosen.length !== 2} onClick={compare}>
                Compare selected
              </button>
              <span className="muted" role="status">
                {chosen.length !== 2
                  ? `Select two snapshots of one account to see what changed (${chosen.length} selected).`
                  : chosen[0]!.account === chosen[1]!.account
                    ? 'Shows what changed from the older to the newer.'
                    : 'These two are of different accounts: they cannot be compared.'}
              </span>
            </div>
          )}
          <table className="table library-table" aria-label="Stored snapshots">
            <thead>
              <tr>
                {snapshots.length > 1 && (
                  <th scope="col">
                    <span className="visually-hidden">Select to compare</span>
                  </th>
                )}
                <th scope="col">Name</th>
                <th scope="col">Account</th>
                <th scope="col">Collected</th>
                <th scope="col">Source</th>
                <th scope="col" className="num">Users</th>
                <th scope="col" className="num">Groups</th>
                <th scope="col" className="num">Roles</th>
                <th scope="col" className="num">Policies</th>
                <th scope="col">Tags</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {snapshots.map((s) => (
                <tr key={s.id} data-testid="library-row">
                  {snapshots.length > 1 && (
                    <td>
                      <input type="checkbox" checked={selected.includes(s.id)} onChange={() => toggle(s.id)} aria-label={`Select ${s.label} (${s.collectedAt ? s.collectedAt.slice(0, 10) : 'no date'}) to compare`} />
                    </td>
                  )}
                  <th scope="row">
                    <a href={`#/s/${encodeURIComponent(s.id)}/overview`} className="strong">
                      {s.label}
                    </a>
                    {s.warnings.length > 0 && (
                      <span className="badge warn" title={`${s.warnings.length} import warnings`}>
                        {s.warnings.length} {s.warnings.length === 1 ? 'warning' : 'warnings'}
                      </span>
                    )}
                  </th>
                  <td className="mono">
                    {s.account || '—'}
                    {s.alias && s.alias !== s.label ? <span className="muted"> ({s.alias})</span> : null}
                  </td>
                  <td className="nowrap" title={s.collectedAt ? formatTime(s.collectedAt) : 'The file does not say when it was collected'}>
                    {s.collectedAt ? s.collectedAt.slice(0, 10) : '—'}
                  </td>
                  <td className="nowrap">{sourceLabel(s.source.kind)}</td>
                  <td className="num">{s.counts.users}</td>
                  <td className="num">{s.counts.groups}</td>
                  <td className="num">{s.counts.roles}</td>
                  <td className="num">{s.counts.policies}</td>
                  <td>
                    {s.tags.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))}
                  </td>
                  <td className="row-actions">
                    <button type="button" className="small" aria-label={`Edit ${s.label}`} onClick={() => setEditing(s)}>
                      Edit…
                    </button>
                    <button type="button" className="small danger" aria-label={`Delete ${s.label}`} onClick={() => setDeleting(s)}>
                      Delete…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <EditDialog record={editing} onClose={() => setEditing(null)} />
      <DeleteDialog
        record={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(id) => {
          forgetOpened(id);
          forgetAnalysis(id);
          setDeleting(null);
        }}
      />
    </div>
  );
}

function EditDialog(props: { record: SnapshotRecord | null; onClose: () => void }) {
  const services = useServices();
  const [label, setLabel] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState('');
  const titleId = useId();
  const nameId = useId();
  const tagsId = useId();
  useEffect(() => {
    if (props.record) {
      setLabel(props.record.label);
      setTags(props.record.tags.join(', '));
      setError('');
    }
  }, [props.record]);
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!props.record) return;
    const renamed = await renameSnapshot(services.db, props.record.id, label);
    if (renamed.kind === 'error') return setError(renamed.message);
    const tagged = await tagSnapshot(services.db, props.record.id, tags.split(','));
    if (tagged.kind === 'error') return setError(tagged.message);
    props.onClose();
  };
  return (
    <Modal title="Edit snapshot" titleId={titleId} open={props.record !== null} onClose={props.onClose}>
      <form onSubmit={(e) => void save(e)} className="form">
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} />
        <label htmlFor={tagsId}>Tags (comma-separated)</label>
        <input id={tagsId} value={tags} onChange={(e) => setTags(e.target.value)} placeholder="prod, q3-audit" />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteDialog(props: { record: SnapshotRecord | null; onClose: () => void; onDeleted: (id: string) => void }) {
  const services = useServices();
  const [error, setError] = useState('');
  const titleId = useId();
  const confirm = async (): Promise<void> => {
    if (!props.record) return;
    const r = await deleteSnapshot(services.db, props.record.id);
    if (r.kind === 'error') return setError(r.message);
    setError('');
    props.onDeleted(props.record.id);
  };
  return (
    <Modal title="Delete snapshot?" titleId={titleId} open={props.record !== null} onClose={props.onClose}>
      <p>
        <strong>{props.record?.label}</strong> ({props.record?.account || 'unknown account'}) and its triage notes will be removed from this machine. This cannot be undone.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void confirm()}>
          Delete
        </button>
      </div>
    </Modal>
  );
}
