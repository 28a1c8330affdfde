// A tiny JSON tokenizer for syntax highlighting: splits text into typed runs in one linear pass.
// Never throws and never drops a character: invalid JSON comes back as plain runs. Imports nothing.

/** The kind of a run of JSON text. */
export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'space' | 'other';

/** A run of text and its kind. */
export interface Token {
  kind: TokenKind;
  text: string;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}

/** Splits `text` into tokens; concatenating their texts gives `text` back. */
export function tokenizeJson(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const start = i;
    if (isSpace(c)) {
      while (i < n && isSpace(text[i]!)) i++;
      tokens.push({ kind: 'space', text: text.slice(start, i) });
    } else if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, n);
      // A string followed by a colon is an object key.
      let j = i;
      while (j < n && isSpace(text[j]!)) j++;
      tokens.push({ kind: text[j] === ':' ? 'key' : 'string', text: text.slice(start, i) });
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      i++;
      while (i < n && /[0-9eE.+-]/.test(text[i]!)) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i) });
    } else if ('{}[]:,'.includes(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c });
    } else if (/[a-z]/.test(c)) {
      while (i < n && /[a-z]/.test(text[i]!)) i++;
      const word = text.slice(start, i);
      tokens.push({ kind: word === 'true' || word === 'false' || word === 'null' ? 'literal' : 'other', text: word });
    } else {
      i++;
      tokens.push({ kind: 'other', text: c });
    }
  }
  return tokens;
}
