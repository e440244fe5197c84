import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../node/mockRoomServer';

// Bundle budgets (DESIGN.md §6): content script ≤ 16 KB gzip, background ≤ 70 KB gzip, on the production build.

const BUILD = join(PROJECT_ROOT, '.output/chrome-mv3');

const gzipKb = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export async function run(): Promise<string[]> {
  if (!existsSync(join(BUILD, 'manifest.json')) || process.env.BENCH_REBUILD !== '0') {
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    if (build.status !== 0) return ['bundle: production build failed (run `npm run build` to see why)'];
  }
  const content = filesUnder(join(BUILD, 'content-scripts')).filter((f) => f.endsWith('.js'));
  const contentKb = content.reduce((sum, f) => sum + gzipKb(f), 0);
  const backgroundKb = gzipKb(join(BUILD, 'background.js'));
  const verdict = (kb: number, budget: number) =>
    `${kb.toFixed(1)} KB gzip (budget ${budget} KB: ${kb <= budget ? 'ok' : 'OVER'})`;
  return [
    `bundle content script: ${verdict(contentKb, 16)}`,
    `bundle background: ${verdict(backgroundKb, 70)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
