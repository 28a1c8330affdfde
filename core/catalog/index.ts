// catalog: public surface of this folder, re-exported by core/index.ts.
export * from './catalog';
export * from './action-set';
