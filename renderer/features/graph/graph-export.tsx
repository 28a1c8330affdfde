// The graph screen's "Export PNG" and "Export SVG" buttons: the current view from the graph engine,
// saved through `export:save` (a save dialog on the desktop, a download in web mode). No core imports.
import { useState, type RefObject } from 'react';
import { useServices } from '../../app/context';
import type { GraphEngine } from '../../graph/index';

/** The base64 text of a blob's bytes. */
export async function blobBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let raw = '';
  for (let i = 0; i < bytes.length; i += 0x8000) raw += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(raw);
}

/** A file name for an export of `name` (letters, digits, `._-` only). */
export function exportName(name: string, extension: 'png' | 'svg'): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'account';
  return `${safe}-graph.${extension}`;
}

/** The export buttons; disabled until the layout is in place. */
export function GraphExport(props: { engine: RefObject<GraphEngine | null>; ready: boolean; name: string }) {
  const services = useServices();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (kind: 'png' | 'svg'): Promise<void> => {
    const engine = props.engine.current;
    if (!engine) return;
    setBusy(true);
    setMessage(null);
    try {
      const suggestedName = exportName(props.name, kind);
      const r =
        kind === 'svg'
          ? await services.api.saveExport({ suggestedName, mimeType: 'image/svg+xml', content: engine.exportSvg() })
          : await services.api.saveExport({ suggestedName, mimeType: 'image/png', encoding: 'base64', content: await blobBase64(await engine.exportPng()) });
      if (r.kind === 'saved') setMessage({ text: `Saved ${r.name}.`, error: false });
      else if (r.kind === 'error') setMessage({ text: `The export failed: ${r.message}`, error: true });
    } catch (e) {
      setMessage({ text: `The export failed: ${e instanceof Error ? e.message : 'unknown error'}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="actions graph-export" role="group" aria-label="Export the graph">
      <button type="button" className="small" disabled={!props.ready || busy} onClick={() => void save('png')}>
        Export PNG
      </button>
      <button type="button" className="small" disabled={!props.ready || busy} onClick={() => void save('svg')}>
        Export SVG
      </button>
      {message ? (
        <span className={message.error ? 'error small-text' : 'muted small-text'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
