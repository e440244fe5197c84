import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../node/findChromium';
import { CHROMIUM_FLAGS } from '../node/launchWithExtension';
import { PROJECT_ROOT } from '../node/mockRoomServer';
import { bundlePageScript } from '../node/pageScript';

// One full read of a room (every metric, product, end flag) in the content script: budget ≤ 50 µs median
// in Chromium (DESIGN.md §6). The reader is bundled as the content script bundles it and run on saved
// dashboard pages; one value changes before every read, as on a live page.

const PAGES = [
  'generic-mock-room.html',
  'kuaishou-helper.html',
  'douyin-compass-screen.html',
  'unseen-table.html',
];
const READS_PER_BATCH = 2000;
const BATCHES = 15;

export async function run(): Promise<string[]> {
  const script = await bundlePageScript(`
        import { createRoomReader } from './lib/room/sites/labelReader';
        import { adapterForUrl } from './lib/room/sites/siteRegistry';
        globalThis.benchReader = (url, reads, batches) => {
          const reader = createRoomReader(document, adapterForUrl(new URL(url)));
          const first = reader.read();
          const cells = [...document.querySelectorAll('span, td, div, b, strong, em, p')].filter(
            (el) => el.children.length === 0 && /\\d/.test(el.textContent ?? ''));
          const cell = cells[0];
          const original = cell ? cell.textContent : '';
          const perRead = [];
          for (let b = 0; b < batches; b++) {
            const start = performance.now();
            for (let i = 0; i < reads; i++) {
              if (cell) cell.firstChild.nodeValue = i % 2 ? original : original.replace(/\\d/, (d) => String((Number(d) + 1) % 10));
              reader.read();
            }
            perRead.push(((performance.now() - start) * 1000) / reads);
          }
          perRead.sort((a, b) => a - b);
          return { metrics: first.health.parsed.length, medianUs: perRead[Math.floor(perRead.length / 2)] };
        };`);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const lines: string[] = [];
  const medians: number[] = [];
  try {
    const page = await browser.newPage();
    for (const name of PAGES) {
      const html = readFileSync(join(PROJECT_ROOT, 'test/fixtures/sites', name), 'utf8');
      await page.setContent(html);
      await page.addScriptTag({ content: script });
      const result = (await page.evaluate(
        ([reads, batches]) =>
          (
            globalThis as unknown as {
              benchReader(u: string, r: number, b: number): { metrics: number; medianUs: number };
            }
          ).benchReader('https://example.test/room', reads as number, batches as number),
        [READS_PER_BATCH, BATCHES],
      )) as { metrics: number; medianUs: number };
      medians.push(result.medianUs);
      lines.push(
        `  reader ${name}: ${result.metrics} metrics, ${result.medianUs.toFixed(1)} µs per read (median)`,
      );
    }
  } finally {
    await browser.close();
  }
  const worst = Math.max(...medians);
  return [
    `reader: one full read ≤ ${worst.toFixed(1)} µs median (budget 50 µs: ${worst <= 50 ? 'ok' : 'OVER'})`,
    ...lines,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
