import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRoomReader } from '../../../../lib/room/sites/labelReader';

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

/**
 * Puts a fixture page into the test's own window, so computed styles apply (hidden spacers, clipped
 * columns): open shadow roots written as `<template shadowrootmode>` are attached, and with `runScripts`
 * the page's inline scripts run, as they would in a browser.
 */
export function mountFixture(name: string, { runScripts = false } = {}): Document {
  const parsed = loadFixture(name);
  document.documentElement.innerHTML = parsed.documentElement.innerHTML;
  for (const template of [
    ...document.querySelectorAll('template[shadowrootmode]'),
  ] as HTMLTemplateElement[]) {
    const host = template.parentElement!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(template.content.cloneNode(true));
    template.remove();
  }
  if (runScripts) {
    for (const script of [...document.querySelectorAll('script')]) new Function(script.textContent ?? '')();
  }
  return document;
}

/**
 * What a reader reports once the page has held still: its first look waits for values to settle (a page may
 * be counting up as it loads), so read on a clock that moves a second, then read again.
 */
export function settledReading(
  root: ParentNode,
  adapter: Parameters<typeof createRoomReader>[1],
  bindings: Parameters<typeof createRoomReader>[2] = {},
) {
  const reader = createRoomReader(root, adapter, bindings, { sampleNow: steadyClock() });
  reader.read();
  return reader.read();
}
