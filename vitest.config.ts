import { defineConfig } from 'vitest/config';

// The real `electron` module is never imported by a test: recent versions try to download their
// binary on import, and no Electron binary runs on CI. Every test gets the one shared mock instead.
const electronMock = new URL('./test/mocks/electron.ts', import.meta.url).pathname;

export default defineConfig({
  resolve: { alias: { electron: electronMock } },
  test: {
    reporters: ['default', './test/reporters/summary-line.ts'],
    environment: 'node',
    setupFiles: ['./test/setup/quiet-logs.ts'],
    // Packages that import `electron` themselves must go through Vite, or the alias above does
    // not reach them and Node loads the real module.
    server: { deps: { inline: ['electron-store'] } },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/crash/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
