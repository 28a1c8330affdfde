// The IPC contract's entry: channel names (plain data) and their zod schemas.
// Imports no electron; the preload imports ./channels only (no zod in the sandbox).
export * from './channels';
export * from './schemas';
