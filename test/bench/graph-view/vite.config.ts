// Vite build of the graph bench page (the graph engine mounted without the app), written to
// .bench/graph-view and served over http by scripts/bench-graph.mjs and test/e2e/graph.spec.ts.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(here, '../../../.bench/graph-view'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
});
