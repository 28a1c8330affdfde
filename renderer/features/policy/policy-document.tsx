// A policy document, syntax-highlighted: tokens become React text nodes (never innerHTML). With a
// highlight, the lines of the chosen statements are marked and the first is scrolled into view.
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Token } from './json-tokens';
import { tokenizeJson } from './json-tokens';
import type { Highlight } from './highlight';
import { documentLines } from './statement-lines';
import './policy-highlight.css';

function renderTokens(tokens: readonly Token[]): ReactNode[] {
  return tokens.map((t, i) =>
    t.kind === 'space' || t.kind === 'punct' ? (
      t.text
    ) : (
      <span key={i} className={`tok-${t.kind}`}>
        {t.text}
      </span>
    ),
  );
}

function HighlightedDocument(props: { text: string; label: string; highlight: Highlight }) {
  const lines = useMemo(() => documentLines(props.text), [props.text]);
  const ref = useRef<HTMLPreElement>(null);
  const wanted = useMemo(() => new Set(props.highlight.statements), [props.highlight]);
  useEffect(() => {
    // Scroll the document (not the page) so the first marked statement is in view.
    const pre = ref.current;
    const mark = pre?.querySelector('mark');
    if (pre && mark) pre.scrollTop = Math.max(0, mark.offsetTop - 24);
  }, [lines, wanted]);
  // Consecutive lines of one highlighted statement are one <mark>.
  const blocks: { statement?: number; lines: typeof lines }[] = [];
  for (const line of lines) {
    const s = line.statement !== undefined && wanted.has(line.statement) ? line.statement : undefined;
    const last = blocks[blocks.length - 1];
    if (last && last.statement === s) last.lines.push(line);
    else blocks.push(s === undefined ? { lines: [line] } : { statement: s, lines: [line] });
  }
  return (
    <pre className="code lined" aria-label={props.label} tabIndex={0} ref={ref}>
      <code>
        {blocks.map((b, bi) => {
          const body = b.lines.map((l, li) => (
            <span className="doc-line" key={li}>
              {renderTokens(l.tokens)}
              {'\n'}
            </span>
          ));
          return b.statement === undefined ? (
            <span key={bi}>{body}</span>
          ) : (
            <mark key={bi} className={`statement-hl tone-${props.highlight.tone}`} data-testid="highlighted-statement" data-statement={b.statement} aria-label={`Highlighted statement ${b.statement}`}>
              {body}
            </mark>
          );
        })}
      </code>
    </pre>
  );
}

/** Shows `text` (JSON) highlighted, with an accessible name; `highlight` marks statements. */
export function PolicyDocument(props: { text: string; label: string; highlight?: Highlight | undefined }) {
  const tokens = useMemo(() => tokenizeJson(props.text), [props.text]);
  if (!props.text) return <p className="muted">The document is not in the snapshot.</p>;
  if (props.highlight) return <HighlightedDocument text={props.text} label={props.label} highlight={props.highlight} />;
  return (
    <pre className="code" aria-label={props.label} tabIndex={0}>
      <code>{renderTokens(tokens)}</code>
    </pre>
  );
}
