// snapshot: accepted input formats → Snapshot (parse, validate, normalise) and back to a bundle.
// Public surface of this folder, re-exported by core/index.ts. Imports nothing outside core/.
//
// API:
//   parseSnapshot(inputs: readonly SnapshotInput[]): ImportResult
//   parseSnapshotText(name: string, text: string): ImportResult
//   toBundle(snapshot: Snapshot): SnapshotBundle          (JSON-serialisable, `format: ariadne.snapshot/v1`)
//   types: Snapshot, SnapshotInput, ImportResult, ImportDiagnostic, User, Group, Role, ManagedPolicy, …
export * from '../model/snapshot';
export { parseSnapshot, parseSnapshotText } from './parse';
export { toBundle, type SnapshotBundle } from './bundle';
export { formatImportDiagnostic, describeJsonParseError } from './messages';
export * from './diff/index';
