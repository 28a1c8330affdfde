// The import rules of DESIGN.md are lint errors: a wrong import fails the build, not a review.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('the layer import rules', () => {
  it.each([
    ['core/policy/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['core/policy/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['core/policy/x.ts', "import React from 'react';\nexport const r = React;\n"],
    ['core/policy/x.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n"],
    ['core/policy/x.ts', "import { x } from '../../renderer/app/app';\nexport const y = x;\n"],
    ['renderer/app/x.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n"],
    ['renderer/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/app/x.ts', "import { ENGINE_VERSION } from '../../core/index';\nexport const v = ENGINE_VERSION;\n"],
    ['main/import/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['cli/x.ts', "import { normalizePolicyDocument } from '../core/policy/normalize';\nexport const n = normalizePolicyDocument;\n"],
    ['preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
  ])('forbids in %s: %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['main/window.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['renderer/db/x.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n"],
    ['renderer/app/x.ts', "import type { Diagnostic } from '../../core/index';\nexport type D = Diagnostic;\n"],
    ['renderer/worker/x.ts', "import { ENGINE_VERSION } from '../../core/index';\nexport const v = ENGINE_VERSION;\n"],
    ['cli/x.ts', "import { ENGINE_VERSION } from '../core/index';\nexport const v = ENGINE_VERSION;\n"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
