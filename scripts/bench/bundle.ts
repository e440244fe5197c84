import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureProductionBuild, PRODUCTION_BUILD } from './benchStart';

// Bundle budgets, gzip, on the production build: the one place these numbers live (DESIGN.md §6 budgets the
// content script's cost in time and asks for its size printed; these are the house's size lines).
export const BUNDLE_BUDGET_KB = { contentScript: 16, background: 70 } as const;

const BUILD = PRODUCTION_BUILD;

const gzipKb = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export async function run(): Promise<string[]> {
  const failed = ensureProductionBuild('bundle', { rebuild: process.env.BENCH_REBUILD !== '0' });
  if (failed) return [failed];
  const content = filesUnder(join(BUILD, 'content-scripts')).filter((f) => f.endsWith('.js'));
  const contentKb = content.reduce((sum, f) => sum + gzipKb(f), 0);
  const backgroundKb = gzipKb(join(BUILD, 'background.js'));
  const verdict = (kb: number, budget: number) =>
    `${kb.toFixed(1)} KB gzip (budget ${budget} KB: ${kb <= budget ? 'ok' : 'OVER'})`;
  return [
    `bundle content script: ${verdict(contentKb, BUNDLE_BUDGET_KB.contentScript)}`,
    `bundle background: ${verdict(backgroundKb, BUNDLE_BUDGET_KB.background)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
