// evaluate: public surface of this folder, re-exported by core/index.ts.
export type * from '../model/evaluate';
export * from './policy-set';
export * from './engine';
export * from './request';
export * from './from-snapshot';
