// The application shell: navigation, the import status line, the theme toggle and the views.
// Views live in renderer/features/<screen>/; services come from ServicesContext.
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { LibraryView } from '../features/library/library-view';
import { OverviewView } from '../features/overview/overview-view';
import { FindingsView } from '../features/findings/findings-view';
import { GraphScreen } from '../features/graph/graph-screen';
import { PolicyView } from '../features/policy/policy-view';
import { PrincipalView } from '../features/principal/principal-view';
import { PrincipalsView } from '../features/principals/principals-view';
import { QueryView } from '../features/query/query-view';
import { PullView } from '../features/pull/pull-view';
import { CompareScreen } from '../features/compare/compare-view';
import { useSnapshotRecord } from '../db/hooks';
import type { AppInfo } from '../../ipc/schemas';
import { ServicesContext, useServices, type Services } from './context';
import { importDemoOnFirstStart } from './first-run';
import { readBrowserFiles, useImporter, type ImportState } from './importer';
import { useOpened } from './opened';
import { href, navigate, useRoute, type Route, type SnapshotView } from './router';
import { useTheme } from './theme';
import { Loading } from './ui';

const NAV: { view: SnapshotView; label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'principals', label: 'Principals' },
  { view: 'query', label: 'Query' },
  { view: 'findings', label: 'Findings' },
  { view: 'graph', label: 'Graph' },
];

function StatusLine(props: { state: ImportState; onCancel: () => void; onDismiss: () => void }) {
  const s = props.state;
  if (s.kind === 'working') {
    const pct = s.progress.total ? Math.round(((s.progress.done ?? 0) / s.progress.total) * 100) : undefined;
    return (
      <div className="status working" role="status">
        <span>
          Importing {s.names.join(', ')}: {s.progress.stage}…
        </span>
        <progress max={100} value={pct} aria-label="Import progress" />
        <button type="button" className="small" onClick={props.onCancel}>
          Cancel import
        </button>
      </div>
    );
  }
  if (s.kind === 'error') {
    return (
      <div className="status error-line" role="alert">
        <span className="one-line" title={s.message}>
          {s.message}
        </span>
        <button type="button" className="small" onClick={props.onDismiss} aria-label="Dismiss the error">
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}

function SnapshotScreen(props: { route: Extract<Route, { kind: 'snapshot' }> }) {
  const services = useServices();
  const { id, view, arn } = props.route;
  const record = useSnapshotRecord(services.db, id);
  const opened = useOpened(services, id);
  if (record === undefined) return <Loading what="the snapshot" />;
  if (record === null)
    return (
      <div className="view">
        <p className="error" role="alert">
          This snapshot is not in the library (it may have been deleted). <a href="#/library">Back to the library</a>
        </p>
      </div>
    );
  if (view === 'query') return <QueryView snapshotId={id} />;
  if (view === 'findings') return <FindingsView snapshotId={id} />;
  if (view === 'graph') return <GraphScreen snapshotId={id} {...(arn === undefined ? {} : { arn })} />;
  if (view === 'principal' && arn !== undefined) return <PrincipalView snapshotId={id} arn={arn} />;
  if (view === 'policy' && arn !== undefined) return <PolicyView snapshotId={id} arn={arn} />;
  if (view === 'overview') return <OverviewView record={record} />;
  if (opened.kind === 'loading') return <Loading what="the snapshot" />;
  if (opened.kind !== 'ok')
    return (
      <div className="view">
        <p className="error" role="alert">
          {opened.kind === 'missing' ? 'The snapshot data is missing from the library.' : `The snapshot could not be opened: ${opened.message}`}
        </p>
      </div>
    );
  return <PrincipalsView snapshotId={id} rows={opened.opened.principals} />;
}

function Shell() {
  const services = useServices();
  const route = useRoute();
  const theme = useTheme();
  const importer = useImporter(services);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const current = useSnapshotRecord(services.db, route.kind === 'snapshot' ? route.id : '');

  useEffect(() => {
    services.api.appInfo().then(setInfo, () => setInfo(null));
  }, [services.api]);

  const [demoPending, setDemoPending] = useState(true);
  useEffect(() => {
    void importDemoOnFirstStart(services).then((r) => {
      setDemoPending(false);
      if (r?.kind === 'done' && (window.location.hash === '' || window.location.hash === '#/library')) {
        navigate({ kind: 'snapshot', id: r.record.id, view: 'overview' });
      }
    });
  }, [services]);

  const openWithDialog = useCallback(async () => {
    const r = await services.api.openSnapshot();
    if (r.kind === 'error') return;
    if (r.kind === 'ok') {
      const result = await importer.run(r.files);
      if (result.kind === 'done') navigate({ kind: 'snapshot', id: result.record.id, view: 'overview' });
    }
  }, [services.api, importer]);

  useEffect(
    () =>
      services.api.onMenuCommand((command) => {
        if (command === 'open-snapshot') void openWithDialog();
        else if (command === 'show-library') navigate({ kind: 'library' });
        else if (command === 'toggle-theme') theme.toggle();
        else if (command === 'find') document.querySelector<HTMLInputElement>('[data-shortcut="find"]')?.focus();
      }),
    [services.api, openWithDialog, theme],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const search = document.querySelector<HTMLInputElement>('[data-shortcut="find"]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const [dragOver, setDragOver] = useState(false);
  const dragDepth = useRef(0);
  const onDrop = async (e: DragEvent<HTMLElement>): Promise<void> => {
    e.preventDefault();
    dragDepth.current = 0;
    setDragOver(false);
    if (e.dataTransfer.files.length === 0 || importer.state.kind === 'working') return;
    const result = await importer.run(await readBrowserFiles(e.dataTransfer.files));
    if (result.kind === 'done') navigate({ kind: 'snapshot', id: result.record.id, view: 'overview' });
  };

  const snapshotId = route.kind === 'snapshot' ? route.id : undefined;
  const activeView = route.kind === 'snapshot' ? (route.view === 'principal' ? 'principals' : route.view) : undefined;

  return (
    <div
      className={`app${dragOver ? ' drag-over' : ''}`}
      onDragEnter={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        dragDepth.current += 1;
        setDragOver(true);
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDragLeave={() => {
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragOver(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <h1 id="app-title">Ariadne</h1>
        </div>
        <ul className="nav-list">
          <li>
            <a href={href({ kind: 'library' })} aria-current={route.kind === 'library' ? 'page' : undefined}>
              Library
            </a>
          </li>
          <li>
            <a href={href({ kind: 'pull' })} aria-current={route.kind === 'pull' ? 'page' : undefined}>
              Pull from AWS
            </a>
          </li>
        </ul>
        {snapshotId && current && (
          <>
            <p className="nav-heading" title={current.label}>
              {current.label}
            </p>
            <ul className="nav-list" aria-label="Snapshot views">
              {NAV.map((n) => (
                <li key={n.view}>
                  <a href={href({ kind: 'snapshot', id: snapshotId, view: n.view })} aria-current={activeView === n.view ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
              <li>
                <a href={href({ kind: 'compare', oldId: snapshotId })}>Compare with…</a>
              </li>
            </ul>
          </>
        )}
        <div className="sidebar-foot">
          <button type="button" className="small theme-toggle" onClick={theme.toggle} aria-label={`Switch to the ${theme.effective === 'dark' ? 'light' : 'dark'} theme`}>
            {theme.effective === 'dark' ? '☀ Light theme' : '☾ Dark theme'}
          </button>
          <p className="muted version" data-testid="app-version">
            {info ? `Ariadne ${info.version} · ${info.mode === 'web' ? 'web mode' : 'desktop'}` : 'Ariadne'}
          </p>
        </div>
      </nav>
      <main id="main" className="content" tabIndex={-1} aria-labelledby="app-title">
        <StatusLine state={importer.state} onCancel={importer.cancel} onDismiss={importer.dismiss} />
        {route.kind === 'library' ? (
          <LibraryView runImport={importer.run} importing={importer.state.kind === 'working'} preparingDemo={demoPending} />
        ) : route.kind === 'pull' ? (
          <PullView runImport={importer.run} importing={importer.state.kind === 'working'} />
        ) : route.kind === 'compare' ? (
          <CompareScreen oldId={route.oldId} newId={route.newId} />
        ) : (
          <SnapshotScreen route={route} />
        )}
      </main>
    </div>
  );
}

/** The application, given its services. */
export function App(props: { services: Services }) {
  return (
    <ServicesContext.Provider value={props.services}>
      <Shell />
    </ServicesContext.Provider>
  );
}
