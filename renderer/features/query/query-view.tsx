// Query: ask `can`, `who-can` and `what-can` questions of the opened snapshot. The forms' state
// lives in the location hash (Back from the Policy view re-asks); all evaluation runs in the
// engine worker. Imports React, the app's services and this folder.
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useServices } from '../../app/context';
import { ensureOpen } from '../../app/opened';
import { Loading } from '../../app/ui';
import type { CanOutcome, QueryOptions } from '../../worker/query-types';
import { WhatCanTab, WhoCanTab, type TabProps } from './access-tabs';
import { CanResult } from './can-result';
import { actionProblem, resourceProblem } from './form-checks';
import { Ticked } from './ticked';
import { Combobox, type ComboOption } from './combobox';
import { ContextEditor } from './context-editor';
import { buildContext, type ContextRow } from './context-rows';
import { parseQueryState, queryStateString, QUERY_TABS, toRows, type QueryState, type QueryTab } from './query-state';
import './query.css';

const TAB_LABEL: Record<QueryTab, string> = { can: 'can', 'who-can': 'who-can', 'what-can': 'what-can' };

function usePrincipalOptions(options: QueryOptions | undefined, text: string): ComboOption[] {
  return useMemo(() => {
    if (!options) return [];
    const q = text.trim().toLowerCase();
    const hits = options.principals.filter((p) => !q || p.name.toLowerCase().includes(q) || p.arn.toLowerCase().includes(q));
    return hits.slice(0, 40).map((p) => ({ value: p.arn, label: p.name, hint: `${p.kind}${p.path !== '/' ? ` · ${p.path}` : ''}` }));
  }, [options, text]);
}

function useActionOptions(text: string): ComboOption[] {
  const services = useServices();
  const [list, setList] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const t = window.setTimeout(() => {
      void services.engine.suggestActions(text).then((l) => live && setList(l));
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [services, text]);
  return useMemo(() => (list.length === 1 && list[0]?.toLowerCase() === text.trim().toLowerCase() ? [] : list.map((a) => ({ value: a, label: a }))), [list, text]);
}

function useResourceOptions(options: QueryOptions | undefined, text: string): ComboOption[] {
  return useMemo(() => {
    const q = text.trim().toLowerCase();
    return (options?.resources ?? []).filter((r) => !q || r.toLowerCase().includes(q)).slice(0, 30).map((r) => ({ value: r, label: r }));
  }, [options, text]);
}

function CanTab(props: TabProps) {
  const services = useServices();
  const s = props.state;
  const [rows, setRows] = useState<ContextRow[]>(() => toRows(s.context));
  const [tried, setTried] = useState(false);
  const [outcome, setOutcome] = useState<CanOutcome | { kind: 'busy' } | undefined>(undefined);
  const { principalOptions, actionOptions, resourceOptions } = props;
  const built = useMemo(() => buildContext(rows), [rows]);
  const problems = {
    principal: s.principal.trim() ? undefined : 'choose a user or role',
    action: actionProblem(s.action),
    resource: resourceProblem(s.resource),
  };
  const asking = useRef(0);

  const ask = async (state: QueryState, context: Record<string, string | string[]>): Promise<void> => {
    const n = ++asking.current;
    setOutcome({ kind: 'busy' });
    await ensureOpen(services, props.snapshotId);
    const r = await services.engine.can(props.snapshotId, { principal: state.principal.trim(), action: state.action.trim(), resource: state.resource.trim(), context });
    if (n === asking.current) setOutcome(r);
  };

  // A question carried in the hash (Back from the Policy view, a reload) is asked again.
  const first = useRef(true);
  useEffect(() => {
    if (!first.current) return;
    first.current = false;
    if (s.asked && !actionProblem(s.action) && !resourceProblem(s.resource) && s.principal.trim() && built.problems.length === 0) void ask(s, built.context);
  }, []);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    setTried(true);
    if (problems.principal || problems.action || problems.resource || built.problems.length > 0) return;
    const next = { ...s, context: rows.map((r) => ({ key: r.key, value: r.value })), asked: true };
    props.onState(next);
    void ask(next, built.context);
  };

  return (
    <div className="can-tab">
      <form className="query-form panel" onSubmit={onSubmit} aria-label="Can question" noValidate>
        <div className="query-fields">
          <Combobox label="Principal" value={s.principal} placeholder="search users and roles" options={principalOptions} onChange={(principal) => props.onState({ ...s, principal })} problem={tried ? problems.principal : undefined} testId="principal-input" />
          <Combobox label="Action" value={s.action} placeholder="s3:GetObject" options={actionOptions} onChange={(action) => props.onState({ ...s, action })} problem={tried ? problems.action : undefined} testId="action-input" />
          <Combobox label="Resource" value={s.resource} placeholder="arn:aws:s3:::bucket/key or *" options={resourceOptions} onChange={(resource) => props.onState({ ...s, resource })} problem={tried ? problems.resource : undefined} testId="resource-input" />
        </div>
        <ContextEditor rows={rows} problems={built.problems} onChange={setRows} />
        <div className="form-actions">
          <button type="submit" className="primary">
            Ask
          </button>
          {tried && (problems.principal || problems.action || problems.resource || built.problems.length > 0) ? (
            <span className="field-problem" role="alert">
              Fix the marked fields to ask.
            </span>
          ) : null}
        </div>
      </form>
      <div aria-live="polite">
        {outcome === undefined ? (
          <p className="muted">Choose a principal, an action and a resource, then Ask. The answer shows the decision and why.</p>
        ) : outcome.kind === 'busy' ? (
          <Loading what="the answer" />
        ) : outcome.kind === 'error' ? (
          <p className="error" role="alert">
            <Ticked text={outcome.message} />
          </p>
        ) : (
          <CanResult outcome={outcome} snapshotId={props.snapshotId} />
        )}
      </div>
    </div>
  );
}

/** The Query view. */
export function QueryView(props: { snapshotId: string }) {
  const services = useServices();
  const [state, setState] = useState<QueryState>(() => parseQueryState(window.location.hash));
  const [options, setOptions] = useState<QueryOptions | undefined>(undefined);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      await ensureOpen(services, props.snapshotId);
      const o = await services.engine.queryOptions(props.snapshotId);
      if (live) {
        setOptions(o);
        setReady(true);
      }
    })();
    return () => {
      live = false;
    };
  }, [services, props.snapshotId]);

  // Keep the question in the hash without a new history entry (Back still leaves the view).
  const update = (next: QueryState): void => {
    setState(next);
    const base = window.location.hash.split('?')[0] ?? '';
    window.history.replaceState(window.history.state, '', `${base}?${queryStateString(next)}`);
  };

  const principalOptions = usePrincipalOptions(options, state.principal);
  const actionOptions = useActionOptions(state.action);
  const resourceOptions = useResourceOptions(options, state.resource);
  const tabProps: TabProps = { snapshotId: props.snapshotId, state, options, onState: update, principalOptions, actionOptions, resourceOptions, actionProblem, resourceProblem };

  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, i: number): void => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? QUERY_TABS.length - 1 : (i + delta + QUERY_TABS.length) % QUERY_TABS.length;
    if (delta === 0 && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    update({ ...state, tab: QUERY_TABS[to]! });
    tabRefs.current[to]?.focus();
  };

  return (
    <div className="view query">
      <header className="view-header">
        <div>
          <h2>Query</h2>
          <p className="muted">Ask what the snapshot&apos;s policies allow. Everything is evaluated locally, as AWS would evaluate it.</p>
        </div>
      </header>
      <div role="tablist" aria-label="Question" className="tabs">
        {QUERY_TABS.map((t, i) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`query-tab-${t}`}
            aria-selected={state.tab === t}
            aria-controls={`query-panel-${t}`}
            tabIndex={state.tab === t ? 0 : -1}
            className={state.tab === t ? 'tab selected' : 'tab'}
            onClick={() => update({ ...state, tab: t })}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {TAB_LABEL[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`query-panel-${state.tab}`} aria-labelledby={`query-tab-${state.tab}`} className="tab-panel">
        {!ready ? (
          <Loading what="the snapshot" />
        ) : state.tab === 'can' ? (
          <CanTab {...tabProps} />
        ) : state.tab === 'who-can' ? (
          <WhoCanTab {...tabProps} />
        ) : (
          <WhatCanTab {...tabProps} />
        )}
      </div>
    </div>
  );
}
