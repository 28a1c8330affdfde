// Writes docs/rules.md from the rule registry; `--check` only says whether the file is up to
// date (exit 1 when not). Node-only script: `npx tsx scripts/generate-rules-doc.ts [--check]`.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '../core/index';

const target = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
const text = renderRulesDoc();
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    process.stderr.write('docs/rules.md is out of date: run `npx tsx scripts/generate-rules-doc.ts`\n');
    process.exitCode = 1;
  }
} else {
  await writeFile(target, text, 'utf8');
  process.stderr.write(`wrote docs/rules.md\n`);
}
