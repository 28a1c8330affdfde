// Text with `backticked` parts shown as code (React nodes, never HTML). Imports React only.
import type { ReactNode } from 'react';

/** Renders text with `code` spans for backticked parts. */
export function Ticked(props: { text: string }): ReactNode {
  const parts = props.text.split('`');
  return parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p));
}
