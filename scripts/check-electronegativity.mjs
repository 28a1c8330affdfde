// Security check of `npm test`: Electronegativity over main/, preload/ and the renderer's HTML.
// Fails on any finding of high severity, and on any lower finding not written down with a reason
// in docs/security-review.md.
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stage = mkdtempSync(join(tmpdir(), 'ariadne-eneg-'));
cpSync('main', join(stage, 'main'), { recursive: true });
cpSync('preload', join(stage, 'preload'), { recursive: true });
cpSync('renderer/index.html', join(stage, 'renderer/index.html'));
cpSync('package.json', join(stage, 'package.json'));

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

/** Runs Electronegativity as a library, which gives each finding's severity and confidence. */
async function scan() {
  const result = await run({
    input: stage,
    isRelative: true,
    electronVersionOverride: '45.5.0',
    parserPlugins: [],
  });
  return result.issues.map((x) => ({
    rule: x.id,
    file: x.file,
    severity: x.severity.name,
    confidence: x.confidence.name,
    message: x.description,
  }));
}

let failed = false;
try {
  const all = await scan();
  const high = all.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
  const review = readFileSync('docs/security-review.md', 'utf8');
  const accepted = new Set(
    [...review.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`([^`]+)`\s*\|/gm)].map((m) => `${m[1]} ${m[2]}`),
  );
  process.stdout.write(`electronegativity: ${all.length} finding(s), ${high.length} of high severity\n`);
  for (const f of high) {
    failed = true;
    process.stdout.write(`  ${f.severity} ${f.rule} ${f.file}: ${f.message}\n`);
  }
  for (const f of all) {
    const known = accepted.has(`${f.rule} ${f.file}`);
    process.stdout.write(`  ${known ? 'reviewed' : 'NOT REVIEWED'} ${f.severity}/${f.confidence} ${f.rule} ${f.file}: ${f.message}\n`);
    if (!known) failed = true;
  }
  writeFileSync('test-results/electronegativity.json', JSON.stringify({ high, all }, null, 2));
} catch (e) {
  process.stdout.write(`electronegativity: ${e.message}\n`);
  failed = true;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
