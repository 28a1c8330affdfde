// access: effective access over a snapshot (can, who-can, what-can), compiled once for speed.
// Public surface of this folder, re-exported by core/index.ts. Imports nothing outside core/.
//
// API:
//   compileAccess(snapshot: Snapshot): CompiledAccess
//   can(compiled, { principal, action, resource, context?, session?, endpoint? }): CanResult
//   canDecide(compiled, query): Decision                                      (decision only, fast path)
//   whoCan(compiled, { action, resource, context?, strict?, session?, endpoint? }): WhoCanResult
//   whoCanReference(compiled, query): WhoCanResult   (the same answer, every principal evaluated alone)
//   whatCan(compiled, principalArn: string): WhatCanResult
//   allowedActions(compiled, principal): ActionSet             (upper bound: on some resource)
//   actionsAllowedEverywhere(compiled, principal): ActionSet   (lower bound: on `*`, any context)
//   parseContextArgs(['k=v', …]): context (a key given twice becomes multi-valued)
export type * from '../model/access';
export {
  compileAccess,
  type CompiledAccess,
  type PrincipalAccess,
  type PolicyUnit,
  type StatementInfo,
  type IdSet,
  type ResourceUnit,
  type CompiledOrgPath,
} from './compile';
export {
  can,
  canDecide,
  whoCan,
  whoCanReference,
  parseContextArgs,
  AccessError,
  type QueryPolicies,
} from './query';
export { whatCan, allowedActions, actionsAllowedEverywhere } from './what-can';
