import {
  ROOM_PORT_NAME,
  roomToBackgroundSchema,
  type SampleRefusal,
  sortSamples,
} from '../core/messages/portProtocol';
import { isReadable } from '../core/messages/readable';
import type { Sample } from '../core/messages/sample';
import type { RoomPortInfo } from './roomPorts';
import type { BackgroundServices } from './services';

// Rooms stream samples over a port. A batch is validated (trust nothing a page says), split between the
// tab that feeds its room and a duplicate tab's, placed by the session registry, and answered: refusals
// at once, the acknowledgement once the stored samples are durable. The content script resends whatever
// was neither.
export function setupRoomPort(services: BackgroundServices, wallNow: () => number = Date.now): void {
  const { ports, registry, settings, broadcast, startup } = services;

  /** Tells a page when it becomes, or stops being, a duplicate of its room's feeding tab. */
  const tellDuplicate = (info: RoomPortInfo, duplicate: boolean, sample: Sample) => {
    const was = info.toldDuplicate ?? false;
    info.toldDuplicate = duplicate;
    if (was === duplicate) return;
    const feedingTabId = duplicate ? ports.feederOf(sample.site, sample.roomKey)?.tabId : undefined;
    ports.send(info.port, {
      type: 'room.duplicate',
      duplicate,
      ...(feedingTabId !== undefined && { feedingTabId }),
    });
  };

  /** Places a batch and sends its refusals; resolves once placed, with its stored samples' durability. */
  const receive = async (
    info: RoomPortInfo,
    samples: Sample[],
    invalid: number[],
  ): Promise<{ durable: Promise<void> }> => {
    const last = samples[samples.length - 1];
    const first = info.site === undefined;
    if (last) {
      info.site = last.site;
      info.roomKey = last.roomKey;
      info.lastSampleAt = wallNow();
    }
    // The bindings and the overlay reach the page once the worker's first samples are stored.
    if (first && last)
      startup.later(
        () =>
          void broadcast
            .welcome(info)
            .catch((error: unknown) => console.warn('Livecue: room not welcomed', error)),
      );

    const feeding = samples.filter((s) =>
      ports.feeds(info, { ...s, readable: isReadable(s) }, info.lastSampleAt),
    );
    if (last) tellDuplicate(info, feeding.length < samples.length, last);
    const filed = await registry.ingest(feeding);

    const refused = new Map<SampleRefusal, number[]>();
    const add = (reason: SampleRefusal, seq: number) =>
      refused.set(reason, [...(refused.get(reason) ?? []), seq]);
    for (const seq of invalid) add('invalid', seq);
    for (const sample of samples) if (!feeding.includes(sample)) add('duplicate-tab', sample.seq);
    for (const { seq, reason } of filed.refused) add(reason, seq);
    for (const [reason, seqs] of refused) ports.send(info.port, { type: 'refused', seqs, reason });
    // Wrapped: an async function returning a promise would wait for it (the disk) before resolving.
    return { durable: filed.durable };
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ROOM_PORT_NAME) return;
    const info = ports.add(port);
    port.onDisconnect.addListener(() => ports.remove(port));
    port.onMessage.addListener((raw: unknown) => {
      const parsed = roomToBackgroundSchema.safeParse(raw);
      const message = parsed.success ? parsed.data : undefined;
      if (message?.type === 'binding.picked') {
        // The settings change sends the new bindings to every page of the site.
        void settings
          .update({ bindings: { [message.site]: { [message.metric]: message.selector } } })
          .catch((error: unknown) => console.warn('Livecue: binding not saved', error));
        return;
      }
      // A batch that fails as a whole is sorted sample by sample: each bad one is refused, never acked.
      const batch = message ? { samples: message.samples, invalid: [] } : sortSamples(raw);
      if (!message) {
        const issue = parsed.error?.issues[0];
        console.warn(`Livecue: refused a room message at ${issue?.path.join('.')}: ${issue?.message}`);
      }
      if (!batch) return;
      // Each batch takes its place in the port's acknowledgements now, so they go out in order: an ack
      // covers every seq up to it, so it waits for the batches before it. It never reaches a sample of an
      // oversize message that was not looked at.
      const unseen = 'unseenFrom' in batch ? batch.unseenFrom : undefined;
      const upTo = Math.min(
        Math.max(...batch.samples.map((s) => s.seq), ...batch.invalid),
        unseen === undefined ? Number.POSITIVE_INFINITY : unseen - 1,
      );
      const placed = receive(info, batch.samples, batch.invalid);
      info.acks = info.acks
        .then(() => placed)
        .then(({ durable }) => durable)
        .then(() => {
          if (!info.closed) ports.send(port, { type: 'ack', upTo });
          // The start-up work that waited runs after the ack: the page need not wait for it either.
          startup.open();
          // A later ack would cover the unseen samples: drop the port, so the room reconnects and resends
          // them (in messages of the allowed size).
          if (unseen !== undefined && !info.closed) {
            ports.remove(port);
            port.disconnect();
          }
        })
        .catch(() => undefined);
      placed.catch((error: unknown) => {
        // A later ack would cover these samples too: drop the port instead, so the room reconnects and
        // resends everything it still holds.
        console.error('Livecue: samples not placed; asking the room to resend them', error);
        ports.remove(port);
        port.disconnect();
      });
    });
  });
}
