// Security policy values shared by the window, web mode and their tests: the renderer's CSP and
// the one kind of link allowed to leave the app. Imports nothing (no electron), so tests load it.

/** Strict CSP: no network, no eval, no inline script or style, no plugins, no framing. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Only AWS documentation links (https, exact host) may leave the app, to the system browser. */
export function isDocumentationUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === 'docs.aws.amazon.com' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
