// "Copy link": copies the address of a view's hash to the clipboard, or shows it to copy by hand
// where the clipboard is not available. No core imports.
import { useEffect, useState } from 'react';
import { absoluteLink } from './deep-link';

/** A button copying the app's address of `hash`; says whether it worked. */
export function CopyLink(props: { hash: string; label?: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; link: string }>({
    kind: 'idle',
  });
  useEffect(() => setState({ kind: 'idle' }), [props.hash]);
  const copy = async (): Promise<void> => {
    const link = absoluteLink(props.hash);
    try {
      await navigator.clipboard.writeText(link);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'manual', link });
    }
  };
  return (
    <span className="copy-link">
      <button type="button" className="small" onClick={() => void copy()}>
        {props.label ?? 'Copy link'}
      </button>
      {state.kind === 'copied' ? (
        <span className="muted small-text" role="status">
          Link copied.
        </span>
      ) : state.kind === 'manual' ? (
        <label className="small-text">
          Copy this link:{' '}
          <input type="text" readOnly value={state.link} onFocus={(e) => e.target.select()} autoFocus />
        </label>
      ) : null}
    </span>
  );
}
