// A policy document, syntax-highlighted: tokens become React text nodes (never innerHTML).
import { useMemo } from 'react';
import { tokenizeJson } from './json-tokens';

/** Shows `text` (JSON) highlighted, with an accessible name. */
export function PolicyDocument(props: { text: string; label: string }) {
  const tokens = useMemo(() => tokenizeJson(props.text), [props.text]);
  if (!props.text) return <p className="muted">The document is not in the snapshot.</p>;
  return (
    <pre className="code" aria-label={props.label} tabIndex={0}>
      <code>
        {tokens.map((t, i) =>
          t.kind === 'space' || t.kind === 'punct' ? (
            t.text
          ) : (
            <span key={i} className={`tok-${t.kind}`}>
              {t.text}
            </span>
          ),
        )}
      </code>
    </pre>
  );
}
