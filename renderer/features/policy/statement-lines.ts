// Splits a pretty-printed policy document into lines of tokens and finds which lines belong to
// which statement (the elements of the top-level `Statement`), for highlighting. Linear; pure;
// imports only the tokenizer.
import { tokenizeJson, type Token } from './json-tokens';

/** One line of the document. */
export interface DocLine {
  tokens: Token[];
  /** The index of the statement the line belongs to, if any. */
  statement?: number;
}

/** The document's lines with their statements; invalid JSON gives lines without statements. */
export function documentLines(text: string): DocLine[] {
  const lines: DocLine[] = [{ tokens: [] }];
  const ranges: { index: number; from: number; to: number }[] = [];
  let depth = 0;
  let afterStatementKey = false;
  let statementArray = false;
  let statementDepth = -1;
  let open: { index: number; from: number } | undefined;
  let next = 0;
  for (const t of tokenizeJson(text)) {
    // Split runs that span lines (whitespace; anything in text that is not JSON).
    const parts = t.text.split('\n');
    parts.forEach((p, i) => {
      if (i > 0) lines.push({ tokens: [] });
      if (p) lines[lines.length - 1]!.tokens.push({ kind: t.kind, text: p });
    });
    const line = lines.length - 1;
    if (t.kind === 'space') continue;
    if (t.kind === 'key' && depth === 1 && t.text === '"Statement"') {
      afterStatementKey = true;
      continue;
    }
    if (t.kind === 'punct' && t.text === ':') continue;
    if (afterStatementKey) {
      afterStatementKey = false;
      if (t.text === '[') {
        statementArray = true;
        statementDepth = depth + 1;
      } else if (t.text === '{') {
        open = { index: 0, from: line };
        statementDepth = depth + 1;
      }
    } else if (statementArray && t.text === '{' && depth === statementDepth) {
      open = { index: next++, from: line };
    }
    if (t.kind === 'punct' && (t.text === '{' || t.text === '[')) depth++;
    else if (t.kind === 'punct' && (t.text === '}' || t.text === ']')) {
      depth--;
      if (open && t.text === '}' && depth === (statementArray ? statementDepth : statementDepth - 1)) {
        ranges.push({ ...open, to: line });
        open = undefined;
      }
      if (statementArray && t.text === ']' && depth === statementDepth - 1) statementArray = false;
    }
  }
  for (const r of ranges) for (let i = r.from; i <= r.to && i < lines.length; i++) lines[i]!.statement = r.index;
  return lines;
}
