import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInvalidUtf8, readSnapshotFiles } from '../../../main/import/index';
import type { ImportResult } from '../../../core/model/snapshot';
import { formatImportDiagnostic } from '../../../core/snapshot/messages';
import { fixturePath, samplePath } from '../../core/snapshot/helpers';

const dir = mkdtempSync(join(tmpdir(), 'ariadne-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The one error line of a failed import, with the temp directory left out. */
function errorLine(result: ImportResult): string {
  expect(result.kind).toBe('error');
  const lines = result.diagnostics.filter((d) => d.severity === 'error').map(formatImportDiagnostic);
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/\n|\bat .*:\d+:\d+\)/);
  return lines[0]!.replace(dir + '/', '');
}

describe('reading snapshot files', () => {
  it('reads the shared samples', async () => {
    const r = await readSnapshotFiles([samplePath('cloudsplaining-example.json')]);
    expect(r.kind === 'ok' && r.snapshot.users.length).toBe(44);
  });

  it('reads several files as pages of one account', async () => {
    const r = await readSnapshotFiles([
      fixturePath('small-account.json'),
      samplePath('awscli-doc-example.json'),
    ]);
    expect(r.kind === 'ok' && r.snapshot.users.map((u) => u.name)).toEqual([
      'alice',
      'bob',
      'Alice',
      'Bob',
      'Charlie',
    ]);
  });

  it('reads a file that starts with a byte order mark', async () => {
    const r = await readSnapshotFiles([file('bom.json', '\ufeff{"UserDetailList": []}')]);
    expect(r.kind).toBe('ok');
  });
});

describe('hostile files', () => {
  it('rejects an empty file', async () => {
    expect(errorLine(await readSnapshotFiles([file('empty.json', '')]))).toBe('empty.json: empty file');
    expect(errorLine(await readSnapshotFiles([file('blank.json', ' \n\t ')]))).toBe(
      'blank.json: empty file (only white space)',
    );
  });

  it('rejects a binary file', async () => {
    const bytes = new Uint8Array(1024).map((_, i) => (i * 7) % 256);
    expect(errorLine(await readSnapshotFiles([file('image.png', bytes)]))).toBe(
      'image.png: a binary file, not JSON text',
    );
  });

  it('rejects invalid UTF-8 and names the byte offset', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"UserDetailList": ["caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"]}'),
    ]);
    expect(errorLine(await readSnapshotFiles([file('latin.json', bytes)]))).toBe(
      'latin.json: not valid UTF-8 at byte 24',
    );
  });

  it('rejects a file over the size limit before reading it', async () => {
    const path = file('big.json', JSON.stringify({ UserDetailList: [] }) + ' '.repeat(2000));
    expect(errorLine(await readSnapshotFiles([path], { maxBytes: 1000 }))).toBe(
      'big.json: file is 2021 bytes, more than the limit of 1000 bytes',
    );
  });

  it('rejects a missing file and a directory', async () => {
    expect(errorLine(await readSnapshotFiles([join(dir, 'absent.json')]))).toBe('absent.json: no such file');
    expect(errorLine(await readSnapshotFiles([dir]))).toMatch(/: is a directory, not a file$/);
  });

  it('rejects invalid JSON with line and column', async () => {
    const path = file('broken.json', '{\n  "UserDetailList": [\n    {"UserName": "a",}\n  ]\n}\n');
    expect(errorLine(await readSnapshotFiles([path]))).toBe(
      'broken.json: not valid JSON at line 3, column 22: unexpected character `}`',
    );
  });

  it('rejects truncated JSON', async () => {
    expect(
      errorLine(await readSnapshotFiles([file('cut.json', '{"UserDetailList": [{"UserName": "a"')])),
    ).toBe('cut.json: not valid JSON at line 1, column 37: unexpected end of input');
  });

  it('rejects the wrong top-level type', async () => {
    expect(errorLine(await readSnapshotFiles([file('list.json', '"hello"')]))).toBe(
      'list.json: expected a JSON object (authorization details or an ariadne bundle) or a list of pages, found a string',
    );
  });

  it('survives deeply nested JSON', async () => {
    const depth = 500_000;
    const path = file(
      'deep.json',
      `{"UserDetailList": [], "Deep": ${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    const r = await readSnapshotFiles([path]);
    expect(r.kind).toBe('ok');
    expect(r.diagnostics.map((d) => d.id)).toContain('snapshot.field.too-deep');
    const broken = file('deep-broken.json', '['.repeat(depth));
    expect(errorLine(await readSnapshotFiles([broken]))).toBe(
      `deep-broken.json: not valid JSON at line 1, column ${depth + 1}: unexpected end of input`,
    );
  });

  it('keeps `__proto__` and `constructor` keys as data', async () => {
    const path = file(
      'proto.json',
      '{"__proto__": {"polluted": 1}, "UserDetailList": [{"UserName": "x", "UserId": "AIDAX", "Arn": "arn:aws:iam::111122223333:user/x", "constructor": {"prototype": {"polluted": 1}}}]}',
    );
    const r = await readSnapshotFiles([path]);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') {
      expect(Object.keys(r.snapshot.extra)).toEqual(['__proto__']);
      expect(Object.keys(r.snapshot.users[0]!.extra)).toEqual(['constructor']);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports every bad file of several, one line each', async () => {
    const r = await readSnapshotFiles([file('a.json', ''), file('b.json', '{')]);
    expect(r.diagnostics.map(formatImportDiagnostic).map((l) => l.replace(dir + '/', ''))).toEqual([
      'a.json: empty file',
      'b.json: not valid JSON at line 1, column 2: unexpected end of input',
    ]);
  });
});

describe('the UTF-8 checker', () => {
  it.each<[number[], number]>([
    [[0x41, 0x42], -1],
    [[0xc3, 0xa9], -1],
    [[0xe2, 0x82, 0xac], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x41, 0xc3], 1],
    [[0x41, 0xc0, 0x80], 1],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0x41, 0x42, 0xff], 2],
  ])('finds the first invalid byte of %j at %i', (bytes, offset) => {
    expect(findInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });
});
