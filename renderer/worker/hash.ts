// Content hash of a stored bundle: SHA-256 through Web Crypto, hex. Imports nothing.

/** The SHA-256 of `text` (UTF-8) as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
