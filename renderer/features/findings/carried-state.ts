// The triage a snapshot carries from earlier snapshots of its account, for the Findings view:
// asked of an analysis runner worker (it reads the earlier analyses; the UI thread sends only the
// findings' keys), and only when an earlier snapshot of the account has triage records at all.
// The last answer per snapshot is kept, so coming back shows it at once. No core imports.
import { useEffect, useState } from 'react';
import type { Finding } from '../../../core/index';
import type { Services } from '../../app/context';
import { earlierSnapshots, getSnapshot, snapshotsWithTriage } from '../../db/library';
import type { CarryRequest, RunnerMessage } from './analysis-slices';
import { findingKeys, type CarriedTriage } from './triage-effective';

const last = new Map<string, Map<string, CarriedTriage>>();
const NONE: Map<string, CarriedTriage> = new Map();

/** True when an earlier snapshot of `snapshotId`'s account has triage records (nothing to carry otherwise). */
async function anythingToCarry(services: Services, snapshotId: string): Promise<boolean> {
  const record = await getSnapshot(services.db, snapshotId);
  if (!record) return false;
  const earlier = await earlierSnapshots(services.db, record);
  return (await snapshotsWithTriage(services.db, earlier.map((s) => s.id))).size > 0;
}

/** Asks a runner worker for the carried triage; resolves to it, or to none on any failure. */
function askWorker(services: Services, snapshotId: string, findings: readonly Finding[]): { result: Promise<CarriedTriage[]>; cancel: () => void } {
  const worker = new Worker(new URL('./analysis-runner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ariadne-triage-carry',
  });
  let settle!: (v: CarriedTriage[]) => void;
  const result = new Promise<CarriedTriage[]>((ok) => (settle = ok));
  const finish = (v: CarriedTriage[]): void => {
    worker.terminate();
    settle(v);
  };
  worker.onmessage = (e: MessageEvent<RunnerMessage>) => finish(e.data.kind === 'carried' ? e.data.carried : []);
  worker.onerror = (e) => {
    e.preventDefault();
    finish([]);
  };
  void services.engine.engineVersion().then(
    (engineVersion) => {
      const request: CarryRequest = {
        kind: 'carry',
        dbName: services.db.name,
        id: snapshotId,
        engineVersion,
        findings: findingKeys(findings),
      };
      worker.postMessage(request);
    },
    () => finish([]),
  );
  return { result, cancel: () => finish([]) };
}

/**
 * The decisions carried to snapshot `snapshotId`'s `findings` (once its analysis is in), by finding
 * id; empty while unknown, without workers, or when nothing carries.
 */
export function useCarriedTriage(
  services: Services,
  snapshotId: string,
  findings: readonly Finding[] | undefined,
): Map<string, CarriedTriage> {
  const [carried, setCarried] = useState(() => last.get(snapshotId) ?? NONE);
  useEffect(() => {
    setCarried(last.get(snapshotId) ?? NONE);
    if (!findings || typeof Worker !== 'function') return;
    let live = true;
    let cancel: (() => void) | undefined;
    void (async () => {
      const worth = await anythingToCarry(services, snapshotId).catch(() => false);
      if (!live) return;
      let next = NONE;
      if (worth) {
        const task = askWorker(services, snapshotId, findings);
        cancel = task.cancel;
        const list = await task.result;
        if (!live) return;
        next = new Map(list.map((c) => [c.findingId, c]));
      }
      last.set(snapshotId, next);
      setCarried(next);
    })();
    return () => {
      live = false;
      cancel?.();
    };
  }, [services, snapshotId, findings]);
  return carried;
}
