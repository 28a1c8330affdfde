// Builds the `ariadne` command line into out/cli/index.js for Node, with the analysis worker
// (out/cli/analysis-worker.js) that `diff` starts beside it; shared code goes in chunks there too.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, '../out/cli'),
    target: 'node20',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.ts'),
        // cli/parallel-analysis.ts finds the worker as `./analysis-worker.js` beside its own chunk.
        'analysis-worker': resolve(import.meta.dirname, 'analysis-worker.ts'),
      },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', format: 'es' },
    },
  },
  ssr: { noExternal: [] },
});
