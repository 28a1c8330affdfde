// Builds the `ariadne` command line into out/cli/index.js for Node.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'index.ts'),
    outDir: resolve(import.meta.dirname, '../out/cli'),
    target: 'node20',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: 'index.js', format: 'es' } },
  },
  ssr: { noExternal: [] },
});
