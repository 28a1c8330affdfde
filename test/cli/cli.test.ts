import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

describe('the ariadne command', () => {
  it('prints its version', async () => {
    const c = capture();
    expect(await runCli(['--version'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/^ariadne \d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with exit code 2 and one line', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('')).toBe('ariadne: unknown command `frobnicate`: run `ariadne --help` for the list\n');
  });
});
