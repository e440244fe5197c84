import type { BackgroundToRoom } from '../core/messages/portProtocol';
import { isReadable } from '../core/messages/readable';
import type { Sample } from '../core/messages/sample';
import type { MetricId } from '../core/metrics/metricCatalog';
import { startCommentReader } from './comments/commentReader';
import type { RoomLink } from './link/roomLink';
import { connectPageJson, createPageJsonFeed } from './products/pageJsonFeed';
import { type ProductWatch, startProductWatch } from './products/productWatch';
import { startRoomSampler } from './sampling/roomSampler';
import { createSampleClock, playsScenarioTime } from './sampling/sampleClock';
import { startElementPicker } from './sites/elementPicker';
import { createRoomReader } from './sites/labelReader';
import { adapterForUrl } from './sites/siteRegistry';
import { matchesPattern } from './sites/urlPattern';
import type { PageMotion } from './sites/valueSettle';

// Reads the room at the current URL and streams samples through the link. Restarted on SPA navigation
// and when the operator's bindings change; stopped when the extension context goes away.

export interface RoomWatch {
  handle(message: BackgroundToRoom): void;
  restart(): void;
  stop(): void;
}

export function startRoomWatch(
  doc: Document,
  link: RoomLink,
  useScenarioTime: boolean,
  onOverlay: (message: BackgroundToRoom) => void,
): RoomWatch {
  const now = createSampleClock(doc, useScenarioTime);
  const onScenarioTime = playsScenarioTime(doc, useScenarioTime);
  let bindings: Partial<Record<MetricId, string>> = {};
  // A page that was seen animating its numbers still does after the reader is rebuilt (new bindings, SPA
  // navigation): a fresh reader would take the next count-up's first frame for a plain change.
  const motion: PageMotion = { animated: false };
  let stopSampler: (() => void) | undefined;
  let stopComments: (() => void) | undefined;
  let stopPicker: (() => void) | undefined;
  // The page's own product JSON, handed over by the main-world tap (entrypoints/pageData.content.ts); kept for
  // the page's life, while the table reader follows the page (restarted on SPA navigation).
  const pageJson = createPageJsonFeed();
  const closePageJson = doc.defaultView
    ? connectPageJson(doc.defaultView, (m) => pageJson.accept(m))
    : () => {};
  let products: ProductWatch | undefined;
  let productsConnection = -1;
  let lastSent: { sample: Omit<Sample, 'seq'>; url: URL } | undefined;

  const start = () => {
    stopSampler?.();
    stopComments?.();
    products?.stop();
    const url = new URL(doc.location.href);
    const adapter = adapterForUrl(url);
    const roomKey = adapter.roomKey(url);
    // The platform sent the room's page to its after-the-live page (TikTok: /streamer/live/session): the
    // room we were reading has ended, whatever the new page shows.
    const previous = lastSent?.sample;
    if (
      previous &&
      !previous.ended &&
      (previous.site !== adapter.id || previous.roomKey !== roomKey) &&
      adapterForUrl(lastSent!.url).ended?.urls?.some((p) => matchesPattern(url, p))
    ) {
      link.send({ ...previous, ts: Math.max(now(), previous.ts + 1), ended: true });
    }
    lastSent = undefined;
    const reader = createRoomReader(doc, adapter, bindings, { sampleNow: now, onScenarioTime, motion });
    // The comment list, read on the sample clock; its batches ride on the next readings.
    const comments = startCommentReader(doc, adapter.id, (batch) => link.addComments(batch), {
      now,
      onError: (error) => console.warn('Livecue: stopped reading comments', error),
      // The rows the page adds to its comment list are comments: the metric reader does not search them.
      onList: (list) => reader.noteFeed(list),
    });
    stopComments = () => comments.stop();
    const productWatch = startProductWatch(doc, adapter, { json: pageJson });
    products = productWatch;
    productsConnection = -1;
    stopSampler = startRoomSampler({
      reader,
      now,
      onError: (error) => console.warn('Livecue: stopped reading this room', error),
      post: ({ ts, reading }) => {
        const sample: Omit<Sample, 'seq'> = {
          ts,
          site: adapter.id,
          roomKey,
          title: reading.title ?? doc.title,
          metrics: reading.metrics,
          capped: reading.capped,
          product: reading.product,
          health: reading.health,
          ended: reading.ended,
        };
        // Product rows ride on the sample; a new connection (a restarted worker) gets every known row once.
        // Only on a reading with numbers: the worker refuses one without (a page still drawing its headline),
        // and rows taken onto it would count as sent and never be stored. They wait for the next reading.
        const connection = link.connections?.() ?? 0;
        const readable = isReadable(reading);
        const table = readable ? productWatch.take({ all: connection !== productsConnection }) : undefined;
        if (readable) productsConnection = connection;
        if (table) {
          sample.products = table;
          // e2e builds only: what was sent, for the browser test to compare with the page's table.
          if (useScenarioTime) doc.defaultView?.postMessage({ type: 'livecue:e2e-products', table }, '*');
        }
        link.send(sample);
        if (isReadable(reading)) lastSent = { sample, url };
      },
    });
  };

  start();
  return {
    handle(message) {
      if (message.type === 'bindings') {
        // The worker says the bindings on every connect; only a change rebuilds the reader (a page walk).
        if (JSON.stringify(message.bindings) === JSON.stringify(bindings)) return;
        bindings = message.bindings;
        start();
      } else if (message.type === 'picker.start') {
        stopPicker?.();
        const site = adapterForUrl(new URL(doc.location.href)).id;
        stopPicker = startElementPicker(doc, {
          onPick: (selector) => {
            stopPicker = undefined;
            link.post({ type: 'binding.picked', site, metric: message.metric, selector });
          },
          onCancel: () => {
            stopPicker = undefined;
          },
        });
      } else {
        onOverlay(message);
      }
    },
    restart: start,
    stop() {
      stopSampler?.();
      stopComments?.();
      products?.stop();
      closePageJson();
      stopPicker?.();
    },
  };
}
