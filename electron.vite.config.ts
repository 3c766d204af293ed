import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Drops the page's CSP meta tag on the dev server only. Vite's dev server injects an inline React
 * Refresh script that the meta policy blocks; main sends a looser policy header in development.
 */
const devServerCsp = {
  name: 'vipax:dev-server-csp',
  apply: 'serve' as const,
  transformIndexHtml: (html: string) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
};

// Main and preload run in Electron's Node; the renderer is a plain web bundle with no Node access.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron` and a few Node built-ins, so zod and the
      // contract are bundled into it.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // A sandboxed preload must be CommonJS: Electron does not load ES modules there.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react(), devServerCsp],
    build: {
      outDir: 'out/renderer',
      // electron-vite 6 leaves the renderer unminified by default; minifying cuts its gzipped JS by about a third.
      minify: true,
      // The app loads one bundle from disk, so Vite's 500 kB warning for web pages does not apply.
      // The budget that matters is the gzipped size, which `npm run bench` reports
      // (rendererInitialJsGzipKB, target 250 kB).
      chunkSizeWarningLimit: 800,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
