// Escaping for the HTML report: text, attributes, CSS strings and the rules' inline-code Markdown.
// Pure: imports nothing.

/** Escapes text for HTML element content and quoted attribute values. */
export function htmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A CSS string literal (double quotes) holding `text`; every character outside a safe set is a hex escape. */
export function cssString(text: string): string {
  const body = [...text]
    .map((c) => (/^[A-Za-z0-9 ._:@/-]$/.test(c) ? c : `\\${(c.codePointAt(0) ?? 0).toString(16)} `))
    .join('');
  return `"${body}"`;
}

/** Escapes text, then turns `inline code` runs into <code> (the rules write titles and remediation so). */
export function inlineCode(text: string): string {
  return htmlEscape(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Cuts text to `max` characters, saying how many were left out. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
