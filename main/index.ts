// The Electron entry point, built to out/main/index.js. The preload and the renderer are built
// beside it, to out/preload/index.cjs and out/renderer/index.html.
import { app } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startTillApp } from './app/electron-app';

// electron-vite sets this while `npm run dev` serves the renderer with hot reload. A packaged app
// ignores it, so an environment variable can never point the window at other content.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

startTillApp({
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  pageUrl: devServerUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
});
