// `npm test`: type check, lint, Vitest, build, Playwright; ends with one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

mkdirSync('test-results', { recursive: true });
check('typecheck', 'npm', ['run', '-s', 'typecheck']);
check('lint', 'npx', ['eslint', '.']);
// The build comes first: the packaging test, the command-line tests and the browser tests use out/.
check('build', 'npm', ['run', '-s', 'build']);

// Vitest: count its tests from the JSON report.
rmSync('test-results/vitest.json', { force: true });
const vitestOk = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
if (existsSync('test-results/vitest.json')) {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  const suiteFailures = (report.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  failed += suiteFailures;
  if (!vitestOk && report.numFailedTests === 0 && suiteFailures === 0) failed += 1;
  if (!vitestOk) failures.push('vitest');
} else {
  failed += 1;
  failures.push('vitest (no report)');
}

// The browser tests against the built renderer, served by web mode.
rmSync('test-results/playwright.json', { force: true });
const pwOk = run('playwright', 'npx', ['playwright', 'test']);
if (existsSync('test-results/playwright.json')) {
  const report = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
  const s = report.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  if (!pwOk && !(s.unexpected > 0)) failed += 1;
  if (!pwOk) failures.push('playwright');
} else {
  failed += 1;
  failures.push('playwright (no report)');
}

// Security and dependency checks.
check('electronegativity', 'node', ['scripts/check-electronegativity.mjs']);
check('dependencies', 'node', ['scripts/check-dependencies.mjs']);

if (failures.length) process.stdout.write(`\nfailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
