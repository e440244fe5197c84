import type { LivecueDb } from '../store/database';
import { packEverySessionNow, packProductSessions } from './history/productPacking';
import { packEndedSessions, packLiveSessions } from './history/samplePacking';
import { OPEN_GATE, type StartupGate } from './startupGate';

// Ended sessions' samples are packed for fast export, live sessions' older samples for a restarted worker's
// fast read (history/samplePacking.ts), and every session's older product snapshots as the live goes on
// (history/productPacking.ts), on an alarm of their own, a batch at a time, never at the worker's start (a
// cold start waits for nothing but the first sample).

export const PACK_ALARM = 'livecue-pack';

declare global {
  /** e2e builds only: packs what the alarm would pack, now, so a browser test need not wait a minute. */
  var livecuePackNow: (() => Promise<number>) | undefined;
  /**
   * e2e builds only: packs every session's product snapshots now, to their newest (the alarm leaves a live
   * session's last minutes and a last partial block); returns the rows packed.
   */
  var livecuePackProductsNow: (() => Promise<number>) | undefined;
}

export function setupSamplePacking(db: LivecueDb, startup: Pick<StartupGate, 'later'> = OPEN_GATE): void {
  if (import.meta.env.MODE === 'e2e') {
    globalThis.livecuePackNow = async () => {
      const sessions = await packEndedSessions(db, Date.now());
      await packLiveSessions(db, Date.now());
      return sessions;
    };
    globalThis.livecuePackProductsNow = () => packEverySessionNow(db);
  }
  startup.later(() => {
    void browser.alarms.get(PACK_ALARM).then((existing) => {
      if (!existing) void browser.alarms.create(PACK_ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
    });
  });
  let running = false;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== PACK_ALARM || running) return;
    running = true;
    packEndedSessions(db, Date.now())
      .catch((error: unknown) => console.warn('Livecue: packing samples failed', error))
      .then(() => packLiveSessions(db, Date.now()))
      .catch((error: unknown) => console.warn('Livecue: packing live samples failed', error))
      .then(() => packProductSessions(db))
      .catch((error: unknown) => console.warn('Livecue: packing product snapshots failed', error))
      .finally(() => {
        running = false;
      });
  });
}
