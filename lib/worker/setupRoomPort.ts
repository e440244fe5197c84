import { ROOM_PORT_NAME, roomToBackgroundSchema } from '../core/messages/portProtocol';
import type { BackgroundServices } from './services';

// Rooms stream samples over a port. Each batch is validated (trust nothing a page says), stored, folded,
// and acknowledged once durable; the content script resends whatever was not acknowledged.
export function setupRoomPort(services: BackgroundServices): void {
  const { ports, ingest, settings } = services;
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ROOM_PORT_NAME) return;
    const info = ports.add(port);
    port.onDisconnect.addListener(() => ports.remove(port));
    port.onMessage.addListener((raw: unknown) => {
      const parsed = roomToBackgroundSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        console.warn(`Livecue: refused a room message at ${issue?.path.join('.')}: ${issue?.message}`);
        return;
      }
      const message = parsed.data;
      if (message.type === 'binding.picked') {
        void settings
          .update({ bindings: { [message.site]: { [message.metric]: message.selector } } })
          .then((next) =>
            ports.toSite(message.site, { type: 'bindings', bindings: next.bindings[message.site] ?? {} }),
          )
          .catch((error: unknown) => console.warn('Livecue: binding not saved', error));
        return;
      }
      const first = message.samples[0]!;
      if (info.site === undefined) {
        // First word from this room: hand it the operator's bindings and overlay state.
        info.site = first.site;
        info.roomKey = first.roomKey;
        void settings.get().then((current) => {
          ports.send(port, { type: 'bindings', bindings: current.bindings[first.site] ?? {} });
          if (current.overlay) {
            ports.send(port, { type: 'overlay.set', enabled: true });
            void services.pushOverlay(first.site, first.roomKey);
          }
        });
      }
      info.roomKey = message.samples[message.samples.length - 1]!.roomKey;
      info.lastSampleAt = Date.now();
      const upTo = Math.max(...message.samples.map((s) => s.seq));
      ingest.ingest(message.samples).then(
        () => ports.send(port, { type: 'ack', upTo }),
        (error: unknown) => {
          // A later ack would cover these samples too: drop the port instead, so the room reconnects and
          // resends everything it still holds.
          console.error('Livecue: samples not stored; asking the room to resend them', error);
          ports.remove(port);
          port.disconnect();
        },
      );
    });
  });
}
