// Vite build of the app's renderer for the UI-thread bench, written to .bench/ui-renderer so the
// bench never races a build of out/renderer. Same settings as electron.vite.config.ts's renderer.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: resolve(here, '../../../renderer'),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(here, '../../../.bench/ui-renderer'),
    emptyOutDir: true,
    sourcemap: false,
    // The app's bundle is large on purpose (one offline page): no warning about it here.
    chunkSizeWarningLimit: 8000,
  },
});
