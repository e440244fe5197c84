import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../../node/findChromium';
import { CHROMIUM_FLAGS } from '../../node/launchWithExtension';
import { PROJECT_ROOT } from '../../node/mockRoomServer';
import { bundlePageScript } from '../../node/pageScript';

// The comment reader's cost on a busy page (DESIGN.md §6: no long task added at ≥ 20 comments/s on a page of
// ≥ 30k elements). The reader is bundled as the content script bundles it and started on a page whose comment
// list takes 50 comments/s — an appending list trimmed at 200 rows, and a virtualised one that recycles 30
// row elements — while the page keeps its own work going. Measured side by side in one browser: the time the
// reader's MutationObserver callbacks take, long tasks with and without the reader, and whether every comment
// written was read exactly once.

export interface ReaderCost {
  mode: string;
  written: number;
  read: number;
  /** Main-thread time in the reader's callbacks per second of stream. */
  msPerSec: number;
  usPerComment: number;
  /** The reader's longest single callback (a long task is 50 ms). */
  longestMs: number;
  longTasksWith: number;
  longTasksWithout: number;
  /** One search of the page for its comment list, with the list there and with none (median ms). */
  locateMs: number;
  locateNoListMs: number;
}

const SECONDS = 10;
const WARM_UP_SECONDS = 2;
const RATE = 50;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="app"></div>
<aside class="live-comments"><div class="commentList--q9x" id="feed"></div></aside>
<script>
  // A dashboard-sized page: 30k elements of tiles and tables that the page itself updates every 100 ms.
  const app = document.getElementById('app');
  let html = '';
  for (let i = 0; i < 3000; i++) html += '<div class="cell--a"><span class="k">指标' + i + '</span><b class="v">' + i + '</b><i></i><em></em><small></small><u></u><s></s><q></q></div>';
  app.innerHTML = html;
  window.tiles = [...document.querySelectorAll('.v')].slice(0, 50);
</script></body></html>`;

async function readerBundle(): Promise<string> {
  return bundlePageScript(`
        import { startCommentReader } from './lib/room/comments/commentReader';
        import { locateCommentList } from './lib/room/comments/locateCommentList';
        import { playStream } from './scripts/bench/comments/commentStream';
        globalThis.playStream = playStream;
        // One search of the page for a comment list, timed (median of 5).
        globalThis.timeLocate = () => {
          const times = [];
          for (let i = 0; i < 5; i++) { const t = performance.now(); locateCommentList(document, {}); times.push(performance.now() - t); }
          return times.sort((a, b) => a - b)[2];
        };
        globalThis.startBenchReader = () => {
          let spent = 0;
          let longest = 0;
          const Native = MutationObserver;
          // Time the reader's own callbacks (the page's observers, if any, are not wrapped).
          globalThis.MutationObserver = class extends Native {
            constructor(callback) {
              super((records, observer) => {
                const t = performance.now();
                callback(records, observer);
                const took = performance.now() - t;
                spent += took;
                longest = Math.max(longest, took);
              });
            }
          };
          const got = [];
          const reader = startCommentReader(document, 'generic', (batch) => got.push(...batch), { flushMs: 250 });
          globalThis.MutationObserver = Native;
          // After the warm-up stream: count from here.
          globalThis.resetBenchCost = () => { spent = 0; longest = 0; got.length = 0; };
          return () => { reader.stop(); return { read: got.length, spent, longest }; };
        };`);
}

/** What the bundled page script puts on the page (functions handed to page.evaluate can only name these). */
type BenchGlobals = {
  playStream(mode: string, seconds: number, rate: number): Promise<{ written: number; longTasks: number }>;
  timeLocate(): number;
  startBenchReader(): () => { read: number; spent: number; longest: number };
  stopBench(): { read: number; spent: number; longest: number };
  resetBenchCost?: () => void;
};

export async function measureReaderCost(): Promise<ReaderCost[]> {
  const script = await readerBundle();
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const results: ReaderCost[] = [];
  try {
    for (const mode of ['append', 'recycle'] as const) {
      const runs = new Map<
        boolean,
        { written: number; longTasks: number; read: number; spent: number; longest: number }
      >();
      const locate = { found: 0, none: 0 };
      for (const withReader of [false, true]) {
        const page = await browser.newPage();
        await page.setContent(PAGE);
        await page.addScriptTag({ content: script });
        // A live page has its list when the reader arrives: 50 rows to append after, or 30 row elements to recycle.
        await page.evaluate(
          (rows) => {
            const feed = document.getElementById('feed')!;
            let html = '';
            for (let i = 0; i < rows; i++)
              html += `<div class="commentItem--Q1w"><img alt="" src="data:,"><span class="nickname--R2t">early${i}</span><span class="content--U3i">来了</span></div>`;
            feed.innerHTML = html;
          },
          mode === 'recycle' ? 30 : 50,
        );
        if (withReader) {
          locate.found = await page.evaluate(() => (globalThis as unknown as BenchGlobals).timeLocate());
          await page.evaluate(() => {
            (globalThis as unknown as { stopBench: unknown }).stopBench = (
              globalThis as unknown as BenchGlobals
            ).startBenchReader();
          });
        }
        // A warm-up stream first (the reader's code is compiled on first use), not counted.
        await page.evaluate(([m, s, r]) => (globalThis as unknown as BenchGlobals).playStream(m, s, r), [
          mode,
          WARM_UP_SECONDS,
          RATE,
        ] as const);
        await page.evaluate(() => (globalThis as unknown as BenchGlobals).resetBenchCost?.());
        const played = await page.evaluate(
          ([m, s, r]) => (globalThis as unknown as BenchGlobals).playStream(m, s, r),
          [mode, SECONDS, RATE] as const,
        );
        const stopped = withReader
          ? await page.evaluate(() => (globalThis as unknown as BenchGlobals).stopBench())
          : { read: 0, spent: 0, longest: 0 };
        runs.set(withReader, { ...played, ...stopped });
        if (withReader) {
          locate.none = await page.evaluate(() => {
            document.querySelector('.live-comments')?.remove();
            return (globalThis as unknown as BenchGlobals).timeLocate();
          });
        }
        await page.close();
      }
      const w = runs.get(true)!;
      results.push({
        mode,
        written: w.written,
        read: w.read,
        msPerSec: w.spent / SECONDS,
        usPerComment: (w.spent * 1000) / Math.max(1, w.read),
        longestMs: w.longest,
        longTasksWith: w.longTasks,
        longTasksWithout: runs.get(false)!.longTasks,
        locateMs: locate.found,
        locateNoListMs: locate.none,
      });
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** Gzipped size of the comment reader as the content script bundles it. */
export async function readerBundleBytes(): Promise<number> {
  const { gzipSync } = await import('node:zlib');
  const out = await build({
    stdin: {
      contents: `export { startCommentReader } from './lib/room/comments/commentReader';`,
      resolveDir: PROJECT_ROOT,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
  });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
}
