// Small shared UI pieces: dates, a modal dialog, a not-yet-built placeholder, a loading line.
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** Formats an ISO time as `2026-11-29 06:00 UTC` (or the text as given when not a date). */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A readable name for a snapshot's source kind. */
export function sourceLabel(kind: string): string {
  const names: Record<string, string> = { 'authorization-details': 'AWS CLI export', file: 'Ariadne bundle', 'aws-pull': 'AWS pull' };
  return Object.hasOwn(names, kind) ? names[kind]! : kind;
}

/** A modal dialog (the native `<dialog>`, rendered in `<body>`): focus moves in, Escape closes it. */
export function Modal(props: { title: string; open: boolean; onClose: () => void; children: ReactNode; titleId: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return createPortal(
    <dialog ref={ref} className="modal" aria-labelledby={props.titleId} onClose={props.onClose} onCancel={props.onClose}>
      <h2 id={props.titleId}>{props.title}</h2>
      {props.open ? props.children : null}
    </dialog>,
    document.body,
  );
}

/** A section a later stage fills in: says what is missing, and why. */
export function Placeholder(props: { title: string; children: ReactNode }) {
  return (
    <section className="panel placeholder" aria-label={props.title}>
      <h3>{props.title}</h3>
      <p className="muted">{props.children}</p>
    </section>
  );
}

/** A busy line for a view that is loading. */
export function Loading(props: { what: string }) {
  return (
    <p className="muted loading" role="status">
      Loading {props.what}…
    </p>
  );
}
