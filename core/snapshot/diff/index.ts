// snapshot/diff: what changed between two snapshots of one account, and triage carried from one
// snapshot to the next. Public surface of this folder. Imports nothing outside core/.
//
// API:
//   diffSnapshots(old: Snapshot, new: Snapshot, options?: DiffOptions): DiffResult
//   diffDocuments(old: PolicyDocument, new: PolicyDocument): DocumentDiff
//   carryOverTriage(oldFindings, oldTriage, newFindings, options?): TriageDecision[]
//   findingMatchKey(finding): string
export * from '../../model/diff';
export { diffSnapshots, compareChanges, changeSubject, type DiffOptions } from './diff';
export { diffDocuments, diffStatement, flattenPrincipal, flattenCondition } from './statements';
export { carryOverTriage, findingMatchKey, type CarryOverOptions } from './triage';
export type { CompiledPair } from './access';
