// The pull dialog: choose a profile and regions, pull one account read-only through main (which
// holds the credentials), follow each collector, cancel; the bundle is then imported like a file.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useServices } from '../../app/context';
import { navigate } from '../../app/router';
import type { ImportState } from '../../app/importer';
import type { AwsProfileEntry } from '../../../ipc/schemas';
import type { InputFile } from '../../worker/engine';
import { noteText, type ProgressRow, type PullProgressState } from './progress';
import { usePull, type PullPhase } from './store';
import './pull.css';

/** Props: the shell's import runner, so the pulled bundle takes the same path as a file. */
export interface PullProps {
  runImport: (files: InputFile[]) => Promise<ImportState>;
  importing: boolean;
}

/** Commercial regions offered in the pickers ("Regions and Availability Zones", AWS docs). */
export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
] as const;

const STATUS_TEXT: Record<ProgressRow['status'], string> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  warning: 'Warning',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Not run',
};

/** Renders a message with its `backticked` parts (commands to run) as code. */
function withCode(text: string) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/** The Pull from AWS view. */
export function PullView({ runImport, importing }: PullProps) {
  const services = useServices();
  const [profiles, setProfiles] = useState<AwsProfileEntry[] | undefined>();
  const [listError, setListError] = useState('');
  const [profile, setProfile] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [extra, setExtra] = useState<string[]>([]);
  const { state, store } = usePull(services.api);
  const { phase, progress } = state;
  const profileId = useId();
  const regionId = useId();

  useEffect(() => {
    let live = true;
    services.api.listAwsProfiles().then(
      (r) => {
        if (!live) return;
        setProfiles(r.profiles);
        // The last pull's settings, else the default profile, else the first one.
        const last = store.get().settings;
        const first =
          (last && r.profiles.find((p) => p.name === last.profile)) ??
          r.profiles.find((p) => p.name === 'default') ??
          r.profiles[0];
        if (!first) return;
        setProfile(first.name);
        if (last && last.profile === first.name) {
          setRegion(last.region);
          setExtra(last.regions);
        } else if (first.region) setRegion(first.region);
      },
      (e: unknown) =>
        live && setListError(e instanceof Error ? e.message : 'the AWS profiles could not be read'),
    );
    return () => {
      live = false;
    };
  }, [services.api, store]);

  const regionChoices = useMemo(
    () => ((REGIONS as readonly string[]).includes(region) ? [...REGIONS] : [region, ...REGIONS]),
    [region],
  );
  const extraRegions = extra.filter((r) => r !== region);
  const running = phase.kind === 'running';
  const busy = running || phase.kind === 'importing' || importing;

  const chooseProfile = (name: string): void => {
    setProfile(name);
    const p = profiles?.find((x) => x.name === name);
    if (p?.region) setRegion(p.region);
  };

  const start = (e: FormEvent): void => {
    e.preventDefault();
    if (!profile || busy) return;
    void store.start({
      profile,
      region,
      regions: extraRegions,
      runImport,
      onStored: (id) => navigate({ kind: 'snapshot', id, view: 'overview' }),
    });
  };

  const noProfiles = profiles !== undefined && profiles.length === 0;

  return (
    <div className="view pull">
      <header className="view-header">
        <div>
          <h2>Pull from AWS</h2>
          <p className="muted">
            Reads one account with a profile of your AWS configuration, read-only. The credentials stay in the
            app&apos;s main process; the snapshot is stored in the library like an imported file.
          </p>
        </div>
      </header>

      <form className="panel pull-form" onSubmit={start} aria-label="Pull settings">
        {listError ? (
          <p className="error" role="alert">
            {listError}
          </p>
        ) : profiles === undefined ? (
          <p className="muted" role="status">
            Reading the AWS profiles…
          </p>
        ) : noProfiles ? (
          <p className="error" role="alert">
            No AWS profiles found in the AWS config files: run <code>aws configure</code> or{' '}
            <code>aws configure sso</code>, then open this view again.
          </p>
        ) : null}
        <div className="pull-fields">
          <div className="field">
            <label htmlFor={profileId}>Profile</label>
            <select
              id={profileId}
              value={profile}
              disabled={busy || !profiles?.length}
              onChange={(e) => chooseProfile(e.target.value)}
            >
              {(profiles ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} ({p.kind})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={regionId}>Region</label>
            <select id={regionId} value={region} disabled={busy} onChange={(e) => setRegion(e.target.value)}>
              {regionChoices.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div className="pull-actions">
            <button type="submit" className="primary" disabled={busy || !profile}>
              Start pull
            </button>
            {running && (
              <button type="button" onClick={() => store.cancel()} disabled={phase.cancelling}>
                {phase.cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
          </div>
        </div>
        <details className="pull-regions">
          <summary>
            Extra regions for resource policies{extraRegions.length > 0 ? `: ${extraRegions.join(', ')}` : ''}
          </summary>
          <fieldset disabled={busy}>
            <legend className="visually-hidden">Extra regions</legend>
            {REGIONS.filter((r) => r !== region).map((r) => (
              <label key={r} className="region-choice">
                <input
                  type="checkbox"
                  checked={extra.includes(r)}
                  onChange={(e) =>
                    setExtra((xs) => (e.target.checked ? [...xs, r] : xs.filter((x) => x !== r)))
                  }
                />
                {r}
              </label>
            ))}
          </fieldset>
        </details>
      </form>

      <PhaseLine phase={phase} progress={progress} />
      {progress && (phase.kind !== 'failed' || progress.rows.some((r) => r.status !== 'skipped')) && (
        <ProgressTable state={progress} />
      )}
    </div>
  );
}

function PhaseLine(props: { phase: PullPhase; progress: PullProgressState | undefined }) {
  const { phase, progress } = props;
  if (phase.kind === 'failed')
    return (
      <p className="status error-line pull-line" role="alert" data-testid="pull-error">
        {withCode(
          /nothing (written|stored)/i.test(phase.message)
            ? phase.message
            : `${phase.message}. Nothing was stored.`,
        )}
      </p>
    );
  if (phase.kind === 'cancelled')
    return (
      <p className="status pull-line" role="status" data-testid="pull-status">
        Pull cancelled: nothing was stored.
      </p>
    );
  if (!progress) return null;
  const account = progress.account
    ? `account ${progress.account.id} as ${progress.account.caller}`
    : 'the account';
  const retries =
    progress.retries > 0
      ? `${progress.retries} ${progress.retries === 1 ? 'retry' : 'retries'} (throttled)`
      : '';
  const summary = progress.summary;
  const counts = summary
    ? [
        `${summary.requests} requests`,
        retries,
        `${summary.warnings} ${summary.warnings === 1 ? 'warning' : 'warnings'}`,
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const text =
    phase.kind === 'running'
      ? phase.cancelling
        ? 'Cancelling the pull…'
        : `Pulling ${account}${retries ? ` (${retries})` : ''}…`
      : phase.kind === 'importing'
        ? `Pulled ${account}: ${counts}. Storing the snapshot…`
        : phase.kind === 'done'
          ? `Last pull: ${account}: ${counts}. Stored as ${phase.label}.`
          : `Pulled ${account}.`;
  return (
    <p className="status working pull-line" role="status" data-testid="pull-status">
      {text}
    </p>
  );
}

function ProgressTable(props: { state: PullProgressState }) {
  return (
    <table className="table pull-progress" aria-label="Pull progress">
      <thead>
        <tr>
          <th scope="col">Collector</th>
          <th scope="col">Region</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Pages
          </th>
          <th scope="col" className="num">
            Retries
          </th>
          <th scope="col" className="num">
            Items
          </th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {props.state.rows.map((row) => (
          <tr key={row.key} data-testid="pull-row" data-collector={row.collector} data-status={row.status}>
            <th scope="row">{row.label}</th>
            <td className="mono nowrap">{row.region ?? 'global'}</td>
            <td className="nowrap">
              <span className={`pull-status pull-status-${row.status}`}>{STATUS_TEXT[row.status]}</span>
            </td>
            <td className="num">{row.pages > 0 ? row.pages : ''}</td>
            <td className="num" data-testid="pull-retries">
              {row.retries > 0 ? row.retries : ''}
            </td>
            <td className="num">{row.items ?? ''}</td>
            <td className="pull-note">{noteText(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
