import type { BackgroundToRoom } from '../core/messages/portProtocol';
import type { MetricId } from '../core/metrics/metricCatalog';
import type { RoomLink } from './link/roomLink';
import { startRoomSampler } from './sampling/roomSampler';
import { createSampleClock } from './sampling/sampleClock';
import { startElementPicker } from './sites/elementPicker';
import { createRoomReader } from './sites/labelReader';
import { adapterForUrl } from './sites/siteRegistry';

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
  let bindings: Partial<Record<MetricId, string>> = {};
  let stopSampler: (() => void) | undefined;
  let stopPicker: (() => void) | undefined;

  const start = () => {
    stopSampler?.();
    const url = new URL(doc.location.href);
    const adapter = adapterForUrl(url);
    const roomKey = adapter.roomKey(url);
    const reader = createRoomReader(doc, adapter, bindings);
    stopSampler = startRoomSampler({
      reader,
      now,
      onError: (error) => console.warn('Livecue: stopped reading this room', error),
      post: ({ ts, reading }) => {
        link.send({
          ts,
          site: adapter.id,
          roomKey,
          title: reading.title ?? doc.title,
          metrics: reading.metrics,
          capped: reading.capped,
          product: reading.product,
          health: reading.health,
          ended: reading.ended,
        });
      },
    });
  };

  start();
  return {
    handle(message) {
      if (message.type === 'bindings') {
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
      stopPicker?.();
    },
  };
}
