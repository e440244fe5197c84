import { type LivePush, readLivePush } from '../../store/livePush';

// The panel's end of the worker's push port. A worker that stops (MV3 stops idle workers; a test kills
// them) drops the port; the panel connects again on its next status poll, which wakes the worker anyway, so
// the port never keeps a worker alive or wakes one on its own.

export interface PushPortLike {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface LivePushLink {
  /** Connects when not connected (a no-op while connected). */
  ensure(): void;
  dispose(): void;
}

/**
 * Keeps one port to the worker. `onConnect` runs on each (re)connect, before its first push: what was
 * pushed on an earlier port may have been missed since. `onDrop` runs when the worker drops the port: what
 * it pushed and had not written yet went with it.
 */
export function linkLivePush(
  connect: () => PushPortLike,
  onPush: (push: LivePush) => void,
  onConnect: () => void,
  onDrop: () => void = () => {},
): LivePushLink {
  let port: PushPortLike | null = null;
  let disposed = false;
  const ensure = () => {
    if (port || disposed) return;
    let opened: PushPortLike;
    try {
      opened = connect();
    } catch (error) {
      // An extension being reloaded: the poll tries again.
      console.warn('Livecue: no live updates from the worker', error);
      return;
    }
    port = opened;
    onConnect();
    opened.onMessage.addListener((message) => {
      const push = readLivePush(message);
      if (push && port === opened) onPush(push);
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = null;
      onDrop();
    });
  };
  ensure();
  return {
    ensure,
    dispose() {
      disposed = true;
      port?.disconnect();
      port = null;
    },
  };
}
