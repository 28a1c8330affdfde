// The UI side of the engine worker: starts it, wraps it with comlink, and cancels a task by
// terminating the worker (and starting a fresh one). Loads no core code on the UI thread.
import { proxy, wrap, type Remote } from 'comlink';
import type { Engine, InputFile } from './engine';
import type { WhatCanResult, WhoCanResult } from '../../core/index';
import type { AccessOutcome, CanOutcome, CanRequest, PolicySourceDetail, QueryOptions, WhoCanRequest } from './query-types';
import type { AssumableRoles, ImportOutcome, OpenedSnapshot, PolicyDetail, PrincipalDetail, Progress } from './types';
import type { AnalysisOutcome, analyzeBundle } from './analysis';
import type { EscalationData } from './graph-model';
import type { GraphInput } from '../graph/model';

/** A running task that can be cancelled. */
export interface Task<T> {
  result: Promise<T>;
  cancel: () => void;
}

/** The engine client the views use. */
export interface EngineClient {
  importFiles(files: InputFile[], onProgress?: (p: Progress) => void): Task<ImportOutcome>;
  open(id: string, bundle: string): Promise<{ kind: 'ok'; opened: OpenedSnapshot } | { kind: 'error'; message: string }>;
  isOpen(id: string): Promise<boolean>;
  principal(id: string, arn: string): Promise<PrincipalDetail | undefined>;
  policy(id: string, arn: string): Promise<PolicyDetail | undefined>;
  policySource(id: string, key: string): Promise<PolicySourceDetail | undefined>;
  queryOptions(id: string): Promise<QueryOptions | undefined>;
  suggestActions(text: string): Promise<string[]>;
  can(id: string, request: CanRequest): Promise<CanOutcome>;
  whoCan(id: string, request: WhoCanRequest): Promise<AccessOutcome<WhoCanResult>>;
  whatCan(id: string, principal: string): Promise<AccessOutcome<WhatCanResult>>;
  /** Every role of the snapshot the principal may assume (sts:AssumeRole): allowed, then conditional. */
  assumableRoles(id: string, principalArn: string): Promise<AccessOutcome<AssumableRoles>>;
  /** Analyses a stored bundle in a worker of its own (cancel terminates that worker only). */
  analyze(bundle: string, onProgress?: (p: Progress) => void): Task<AnalysisOutcome | { kind: 'cancelled' }>;
  graphModel(id: string, escalation?: EscalationData): Promise<GraphInput | undefined>;
  engineVersion(): Promise<string>;
}

/** Starts the engine worker. */
export function createEngineClient(): EngineClient {
  let worker: Worker;
  let remote: Remote<Engine>;
  const start = (): void => {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'ariadne-engine' });
    remote = wrap<Engine>(worker);
  };
  start();
  return {
    importFiles(files, onProgress) {
      let cancelled!: (v: ImportOutcome) => void;
      const cancelledP = new Promise<ImportOutcome>((ok) => (cancelled = ok));
      const run = remote.importFiles(files, onProgress ? proxy(onProgress) : undefined);
      return {
        result: Promise.race([run, cancelledP]),
        cancel: () => {
          worker.terminate();
          start();
          cancelled({ kind: 'cancelled' });
        },
      };
    },
    open: (id, bundle) => remote.open(id, bundle),
    isOpen: (id) => remote.isOpen(id),
    principal: (id, arn) => remote.principal(id, arn),
    policy: (id, arn) => remote.policy(id, arn),
    policySource: (id, key) => remote.policySource(id, key),
    queryOptions: (id) => remote.queryOptions(id),
    suggestActions: (text) => remote.suggestActions(text),
    can: (id, request) => remote.can(id, request),
    whoCan: (id, request) => remote.whoCan(id, request),
    whatCan: (id, principal) => remote.whatCan(id, principal),
    assumableRoles: (id, principalArn) => remote.assumableRoles(id, principalArn),
    analyze(bundle, onProgress) {
      const w = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'ariadne-analysis' });
      const r = wrap<{ analyzeBundle: typeof analyzeBundle }>(w);
      let cancelled!: (v: { kind: 'cancelled' }) => void;
      const cancelledP = new Promise<{ kind: 'cancelled' }>((ok) => (cancelled = ok));
      const run = r.analyzeBundle(bundle, onProgress ? proxy(onProgress) : undefined).finally(() => w.terminate());
      return {
        result: Promise.race([run, cancelledP]),
        cancel: () => {
          w.terminate();
          cancelled({ kind: 'cancelled' });
        },
      };
    },
    graphModel: (id, escalation) => remote.graphModel(id, escalation),
    engineVersion: () => remote.engineVersion(),
  };
}
