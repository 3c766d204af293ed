import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { CreateTillOptions } from '../../../main/app/create-till';
import type { TrainingServer, TrainingServerOptions } from '../../../main/training';
import { createBridgeScript, EMIT_FUNCTION, INVOKE_BINDING } from './bridge-script';
import { serveDirectory, type StaticServer } from './static-server';
import { startTillFixture, type TillFixture } from './till-fixture';

// launchTill: the whole till in headless Chromium. A real training server on 127.0.0.1, the real
// createTill router, the real renderer build served on loopback, and a page whose `window.till`
// is built by the preload's own code and bridged to that router. Needs `npm run build` first.
//
//   const till = await launchTill({ name: 'refund-offline' });
//   await till.scan('CARD201609010101');
//   await till.page.getByTestId('member-panel').waitFor();
//   await till.server.setFault({ kind: 'refuse-connections' });
//   await till.screenshot('offline');     // test-output/e2e/screenshots/refund-offline/01-offline.png
//   await till.close();

const projectRoot = new URL('../../../', import.meta.url).pathname;

/** Where `npm run build` puts the renderer. */
export const RENDERER_BUILD = join(projectRoot, 'out', 'renderer');
/** Screenshots go to `<this>/<test>/<step>.png`. */
export const SCREENSHOT_ROOT = join(projectRoot, 'test-output', 'e2e', 'screenshots');

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchTillOptions {
  /** Folder name for this test's screenshots, e.g. "scan-pay-result". */
  name: string;
  training?: TrainingServerOptions;
  /** createTill options beyond the data folder and the training server. */
  till?: Omit<CreateTillOptions, 'dataDir' | 'trainingServer'>;
  viewport?: { width: number; height: number };
}

export interface LaunchedTill {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly server: TrainingServer;
  readonly fixture: TillFixture;
  /** Uncaught page errors and console errors, for tests to assert there are none. */
  readonly pageErrors: string[];
  /**
   * Types `code` the way a keyboard-wedge scanner does (fast, then Enter) into whatever has focus.
   */
  scan(code: string): Promise<void>;
  /** Saves a full-page screenshot as `<step>.png`, numbered in order, and returns its path. */
  screenshot(step: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchTill(options: LaunchTillOptions): Promise<LaunchedTill> {
  if (!existsSync(join(RENDERER_BUILD, 'index.html'))) {
    throw new Error(`No renderer build at ${RENDERER_BUILD}: run \`npm run build\` first`);
  }

  const screenshotDir = join(SCREENSHOT_ROOT, options.name);
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });

  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Closing goes on, so one stuck part does not leave the others running.
      }
    }
    cleanups.length = 0;
  };

  try {
    const fixture = await startTillFixture({ training: options.training, till: options.till });
    cleanups.push(() => fixture.close());

    const site: StaticServer = await serveDirectory(RENDERER_BUILD);
    cleanups.push(() => site.close());

    const userDataDir = mkdtempSync(join(tmpdir(), 'vipax-till-chromium-'));
    cleanups.push(() => rmSync(userDataDir, { recursive: true, force: true }));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    cleanups.push(() => context.close());

    const page = context.pages()[0] ?? (await context.newPage());
    const launched = await bridgePage({ page, context, fixture, site, screenshotDir, close: cleanUp });
    await page.goto(site.url + 'index.html');
    return launched;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

interface BridgeInput {
  page: Page;
  context: BrowserContext;
  fixture: TillFixture;
  site: StaticServer;
  screenshotDir: string;
  close: () => Promise<void>;
}

async function bridgePage(input: BridgeInput): Promise<LaunchedTill> {
  const { page, context, fixture, site, screenshotDir } = input;
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) pageErrors.push(`HTTP ${response.status()} for ${response.url()}`);
  });

  // The same rule as the Electron sender check: only the main frame, only at the app's page.
  await context.exposeBinding(INVOKE_BINDING, async (source, channel: unknown, request: unknown) => {
    const fromAppPage = source.frame === source.page.mainFrame() && source.frame.url().startsWith(site.url);
    if (!fromAppPage || typeof channel !== 'string') {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the till page' } };
    }
    return fixture.host.router.handle(channel, request);
  });
  await context.addInitScript({ content: createBridgeScript() });

  const stopEvents = fixture.host.onEvent((name, payload) => {
    page
      .evaluate(([emit, event, data]) => (window as unknown as Record<string, (e: string, d: unknown) => void>)[emit]?.(event, data), [
        EMIT_FUNCTION,
        name,
        payload,
      ] as const)
      .catch(() => undefined);
  });

  let shotCount = 0;
  return {
    page,
    context,
    server: fixture.server,
    fixture,
    pageErrors,
    async scan(code) {
      await typeLikeScanner(page, context, code);
    },
    async screenshot(step) {
      shotCount += 1;
      const path = join(screenshotDir, `${String(shotCount).padStart(2, '0')}-${step}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      stopEvents();
      await input.close();
    },
  };
}

/** Time between two keys of a scan, as a USB keyboard-wedge scanner sends them. */
const SCANNER_KEY_GAP_MS = 5;

/**
 * Types `code` and Enter as trusted key events whose timestamps are SCANNER_KEY_GAP_MS apart.
 * The renderer distinguishes scans from typing by `event.timeStamp`, and Chromium takes that from the
 * `timestamp` of Input.dispatchKeyEvent, so a busy machine that delays the events themselves
 * cannot turn a scan into slow typing.
 */
async function typeLikeScanner(page: Page, context: BrowserContext, code: string): Promise<void> {
  const session = await context.newCDPSession(page);
  try {
    let timestampSeconds = Date.now() / 1000;
    const press = async (key: string, text: string, keyCode: number): Promise<void> => {
      const common = { key, code: key === 'Enter' ? 'Enter' : '', windowsVirtualKeyCode: keyCode, timestamp: timestampSeconds };
      await session.send('Input.dispatchKeyEvent', { type: 'keyDown', text, unmodifiedText: text, ...common });
      await session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
      timestampSeconds += SCANNER_KEY_GAP_MS / 1000;
    };

    for (const character of code) {
      await press(character, character, character.toUpperCase().charCodeAt(0));
    }
    await press('Enter', '\r', 13);
  } finally {
    await session.detach();
  }
}
