import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isDocumentationUrl } from '../../main/security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts) => [parts[0]!, parts.slice(1)]),
  );
}

describe('the content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('denies everything by default and allows scripts only from the app itself', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows no inline code, no eval and no remote origin anywhere', () => {
    for (const [name, sources] of policy) {
      for (const s of sources) {
        expect(s, `${name} ${s}`).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe|^https?:|^\*$|^ws/);
      }
    }
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('is the same in renderer/index.html (less frame-ancestors, which a meta tag cannot carry)', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const expected = new Map(policy);
    expected.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(expected);
  });
});

describe('links that may leave the app', () => {
  it.each([
    ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html', true],
    ['http://docs.aws.amazon.com/IAM/', false],
    ['https://docs.aws.amazon.com.evil.example/', false],
    ['https://user:pass@docs.aws.amazon.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s is allowed: %s', (url, allowed) => {
    expect(isDocumentationUrl(url)).toBe(allowed);
  });
});
