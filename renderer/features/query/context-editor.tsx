// The context editor: rows of condition key and value, common keys suggested, a key on several
// rows is multi-valued, problems shown beside the row. Imports React and the rows' logic.
import { useMemo } from 'react';
import { Combobox } from './combobox';
import { Ticked } from './ticked';
import { KNOWN_KEYS, type ContextRow, type RowProblem } from './context-rows';

function keyOptions(text: string) {
  const q = text.trim().toLowerCase();
  return KNOWN_KEYS.filter((k) => !q || k.key.toLowerCase().includes(q) || (k.prefix === true && q.startsWith(k.key.toLowerCase())))
    .slice(0, 12)
    .map((k) => ({ value: k.key, label: k.key, hint: k.prefix ? `+ tag key, e.g. ${k.example}` : `e.g. ${k.example}${k.multi ? ' (several values)' : ''}` }));
}

/** Edits the request context as rows; `problems` come from buildContext. */
export function ContextEditor(props: { rows: ContextRow[]; problems: readonly RowProblem[]; onChange: (rows: ContextRow[]) => void }) {
  const nextId = useMemo(() => Math.max(0, ...props.rows.map((r) => r.id)) + 1, [props.rows]);
  const set = (id: number, patch: Partial<ContextRow>): void => props.onChange(props.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const problemOf = (id: number, field: 'key' | 'value'): string | undefined => props.problems.find((p) => p.id === id && p.field === field)?.message;
  return (
    <fieldset className="context-editor">
      <legend>Request context</legend>
      {props.rows.length === 0 ? <p className="muted small-text">No context keys: keys the request does not give are evaluated as absent.</p> : null}
      <ul className="context-rows">
        {props.rows.map((r, i) => (
          <li key={r.id} className="context-row" data-testid="context-row">
            <Combobox label={`Key ${i + 1}`} hideLabel value={r.key} placeholder="aws:MultiFactorAuthPresent" options={keyOptions(r.key)} onChange={(key) => set(r.id, { key })} problem={problemOf(r.id, 'key')} className="context-key" />
            <div className="combo context-value">
              <label className="visually-hidden" htmlFor={`ctx-value-${r.id}`}>
                Value {i + 1}
              </label>
              <input
                id={`ctx-value-${r.id}`}
                type="text"
                value={r.value}
                placeholder="value"
                spellCheck={false}
                aria-invalid={problemOf(r.id, 'value') ? true : undefined}
                aria-describedby={problemOf(r.id, 'value') ? `ctx-value-problem-${r.id}` : undefined}
                onChange={(e) => set(r.id, { value: e.target.value })}
              />
              {problemOf(r.id, 'value') ? (
                <p id={`ctx-value-problem-${r.id}`} className="field-problem">
                  <Ticked text={problemOf(r.id, 'value') ?? ''} />
                </p>
              ) : null}
            </div>
            <button
              type="button"
              className="small"
              aria-label={`Add another value for key ${i + 1}`}
              title="Another value for this key (multi-valued)"
              disabled={!r.key.trim()}
              onClick={() => {
                const rows = [...props.rows];
                rows.splice(i + 1, 0, { id: nextId, key: r.key, value: '' });
                props.onChange(rows);
              }}
            >
              + value
            </button>
            <button type="button" className="small" aria-label={`Remove key ${i + 1}`} onClick={() => props.onChange(props.rows.filter((x) => x.id !== r.id))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="small" onClick={() => props.onChange([...props.rows, { id: nextId, key: '', value: '' }])}>
        + Add context key
      </button>
    </fieldset>
  );
}
