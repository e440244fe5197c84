import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Parses a saved page from test/fixtures/sites into its own Document (happy-dom's DOMParser).

export const FIXTURE_DIR = resolve(process.cwd(), 'test/fixtures/sites');

export function loadFixture(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURE_DIR, name), 'utf8'), 'text/html');
}

/** A sample clock that moves a second per reading, as a dashboard that refreshes each second. */
export function steadyClock(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => (t += 1000);
}
