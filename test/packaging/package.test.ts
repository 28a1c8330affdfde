// Packages the app with `electron-builder --dir` (Electron's binary replaced by a stub that carries a
// fuse wire) and checks what the asar holds and how the fuses are set. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuseConfig } from '../../scripts/after-pack.mjs';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's default wire: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar
// integrity off, only-asar off, V8 snapshot off, file protocol privileges on, wasm trap handlers on.
const DEFAULT_WIRE = '101100011';

let work: string;
let files: string[];
let executable: string;

beforeAll(() => {
  if (!existsSync('out/main/index.js') || !existsSync('out/renderer/index.html')) {
    throw new Error('out/ is not built: run `npm run build` before this test');
  }
  work = mkdtempSync(join(tmpdir(), 'ariadne-pack-'));
  const stub = join(work, 'electron-dist');
  mkdirSync(stub);
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub electron"\nexit 0\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(stub, 'electron'), binary);
  chmodSync(join(stub, 'electron'), 0o755);
  execFileSync(
    'npx',
    ['electron-builder', '--linux', 'dir', `-c.electronDist=${stub}`, `-c.directories.output=${join(work, 'dist')}`],
    { stdio: 'pipe', env: { ...process.env, CI: 'true' } },
  );
  files = listPackage(join(work, 'dist', 'linux-unpacked', 'resources', 'app.asar'), { isPack: false });
  executable = join(work, 'dist', 'linux-unpacked', 'ariadne');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function productionPackages(): Set<string> {
  const out = execFileSync('npm', ['query', '.prod'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return new Set((JSON.parse(out) as { name: string }[]).map((p) => p.name));
}

describe('the packaged app', () => {
  it('holds the built main, preload and renderer and package.json', () => {
    for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(files).toContain(f);
    }
  });

  it('holds no sources, source maps, tests, fixtures or environment files', () => {
    const offending = files.filter(
      (f) =>
        /\.(ts|tsx|map)$/.test(f) && !f.endsWith('.d.ts') ||
        /(^|\/)\.env/.test(f) ||
        (!f.startsWith('/node_modules/') && /^\/(test|core|main|renderer|cli|ipc|preload|scripts|examples|docs)(\/|$)/.test(f)),
    );
    expect(offending).toEqual([]);
  });

  it('holds only production dependencies', () => {
    const prod = productionPackages();
    const packaged = new Set(
      files
        .filter((f) => f.startsWith('/node_modules/'))
        .map((f) => f.split('/'))
        .filter((parts) => parts.length > 3 || (parts.length === 3 && !parts[2]!.startsWith('@')))
        .map((parts) => (parts[2]!.startsWith('@') ? `${parts[2]}/${parts[3]}` : parts[2]!))
        .filter((name) => !name.endsWith('/') && !name.startsWith('.')),
    );
    const notProduction = [...packaged].filter((name) => !prod.has(name));
    expect(notProduction).toEqual([]);
    for (const dev of ['electron', 'vitest', 'typescript', '@playwright/test', 'electron-builder']) {
      expect(packaged.has(dev)).toBe(false);
    }
  });

  it('has its fuses set for a hardened app', async () => {
    const wire = await getCurrentFuseWire(executable);
    const expected = fuseConfig('linux');
    const ON = 49;
    const OFF = 48;
    for (const option of [
      FuseV1Options.RunAsNode,
      FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      FuseV1Options.EnableNodeCliInspectArguments,
      FuseV1Options.OnlyLoadAppFromAsar,
      FuseV1Options.EnableCookieEncryption,
      FuseV1Options.GrantFileProtocolExtraPrivileges,
    ]) {
      expect(wire[option]).toBe(expected[option] ? ON : OFF);
    }
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(readFileSync(executable).includes(Buffer.from(FUSE_SENTINEL))).toBe(true);
  });

  it('sets asar integrity validation on macOS and Windows', () => {
    expect(fuseConfig('darwin')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig('win32')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
  });
});
