// Measures the till in headless Chromium. The first figure is how long a card scan takes to show
// the member, with the real renderer build bridged to the real router and a training server on
// 127.0.0.1. The second is the gzipped size of the JavaScript the renderer loads at start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seedFixtures } from '../main/training';
import { createMemoryLogBackend, setLogBackend } from '../main/logging';
import { launchTill, RENDERER_BUILD } from '../test/e2e/harness/launch';
import { median, round, type BenchFigure, type BenchModule } from './figures';

const WARM_UP_SCANS = 5;
const MEASURED_SCANS = 60;
/** Scans alternate between these cards, so every scan changes the member panel. */
const CARDS = [seedFixtures.members.gold.cardNo, seedFixtures.members.diamond.cardNo];

/** Gzipped bytes of the entry script and every module it preloads, from the built index.html. */
function measureInitialJs(): BenchFigure {
  const html = readFileSync(join(RENDERER_BUILD, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)]
    .map((match) => match[1])
    .filter((source): source is string => source !== undefined);
  if (scripts.length === 0) throw new Error(`No script found in ${join(RENDERER_BUILD, 'index.html')}`);

  const gzippedBytes = scripts.reduce((total, source) => {
    const file = join(RENDERER_BUILD, source.replace(/^\.?\//, ''));
    return total + gzipSync(readFileSync(file), { level: 9 }).length;
  }, 0);
  return {
    name: 'rendererInitialJsGzipKB',
    value: round(gzippedBytes / 1024, 1),
    unit: 'KB',
    label: `gzipped JavaScript loaded at start (${scripts.length} file${scripts.length === 1 ? '' : 's'}, gzip level 9)`,
    target: '≤ 250',
  };
}

/**
 * Times scans inside the page, from the scanner's closing Enter (a capturing keydown listener) to
 * the moment the member panel shows the scanned card number (a MutationObserver).
 */
async function measureScanToMember(): Promise<BenchFigure> {
  const restoreLogs = setLogBackend(createMemoryLogBackend());
  const till = await launchTill({ name: 'bench-scan' });
  try {
    await till.page.locator('[data-testid="connection-state"][data-state="online"]').waitFor();

    const samples: number[] = [];
    for (let index = 0; index < WARM_UP_SCANS + MEASURED_SCANS; index++) {
      const cardNo = CARDS[index % CARDS.length]!;
      await till.page.evaluate(armScanTimer(cardNo));

      await till.scan(cardNo);
      const elapsedMs = (await till.page.evaluate('window.benchScan')) as number;
      if (index >= WARM_UP_SCANS) samples.push(elapsedMs);
    }

    return {
      name: 'scanToMemberMedianMs',
      value: round(median(samples), 1),
      unit: 'ms',
      label: `scan to member shown in Chromium, median of ${samples.length} scans`,
    };
  } finally {
    await till.close();
    restoreLogs();
  }
}

/**
 * Returns page code that stores in `window.benchScan` a promise of the milliseconds from the next
 * Enter to the member panel showing `cardNo`. It is source text because tsx wraps named functions
 * in a helper that does not exist in the page.
 */
function armScanTimer(cardNo: string): string {
  return `(() => {
    window.benchScan = new Promise((resolve) => {
      let enterAt = null;
      const onKeyDown = (event) => {
        if (event.key === 'Enter') enterAt = performance.now();
      };
      window.addEventListener('keydown', onKeyDown, { capture: true });
      const observer = new MutationObserver(() => {
        const shown = document.querySelector('[data-testid="member-card-no"]')?.textContent;
        if (shown !== ${JSON.stringify(cardNo)} || enterAt === null) return;
        observer.disconnect();
        window.removeEventListener('keydown', onKeyDown, { capture: true });
        resolve(performance.now() - enterAt);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  })()`;
}

export const tillBench: BenchModule = {
  id: 'till',
  title: 'Till in headless Chromium: renderer build, router and training server on 127.0.0.1',
  async run() {
    return [await measureScanToMember(), measureInitialJs()];
  },
};
