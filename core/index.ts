// The one entry point of the engine: everything outside core/ imports from here.
// core/ is pure TypeScript: no electron, react, dexie, d3, DOM or node:* imports.

/** Version of the engine's rule set and decision logic; cached analyses are keyed on it. */
export const ENGINE_VERSION = '0.1.0';

export * from './model/diagnostic';
export type * from './model/policy';
export type * from './model/context';
export * from './policy/index';
export * from './snapshot/index';
export * from './evaluate/index';
export * from './catalog/index';
export * from './access/index';
export * from './analyze/index';
export * from './report/index';
export * from './graph/index';
