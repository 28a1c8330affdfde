// graph: the escalation graph and shortest paths to admin; public surface of this folder,
// re-exported by core/index.ts. Imports nothing outside core/.
//
// API:
//   buildEscalationGraph(snapshot, { oracle? }): EscalationGraph
//   findEscalationPaths(graph, { from? }): PathsReport            (SPEC.md `paths --json`)
//   analyzeEscalation(snapshot, { from? }): { graph, report }
//   createEvaluatorOracle(snapshot): AccessOracle
//   ESCALATION_RULES, RULES_BY_ID, OUT_OF_SCOPE
import type { Snapshot } from '../model/snapshot';
import type { EscalationGraph, PathsReport } from '../model/graph';
import { buildEscalationGraph, type BuildGraphOptions } from './build';
import { findEscalationPaths } from './paths';

export * from '../model/graph';
export { buildEscalationGraph, type BuildGraphOptions } from './build';
export { findEscalationPaths, type PathOptions } from './paths';
export { createEvaluatorOracle, type AccessOracle, type AccessAnswer, type QuestionContext } from './oracle';
export { ESCALATION_RULES, RULES_BY_ID, OUT_OF_SCOPE, type EscalationRule, type RuleKind } from './rules';

/** Builds the escalation graph and the shortest paths of its principals to admin. */
export function analyzeEscalation(
  snapshot: Snapshot,
  options: BuildGraphOptions & { readonly from?: string } = {},
): { graph: EscalationGraph; report: PathsReport } {
  const graph = buildEscalationGraph(snapshot, options);
  return { graph, report: findEscalationPaths(graph, options.from === undefined ? {} : { from: options.from }) };
}
