import { applyRetention } from './history/retention';
import type { BackgroundServices } from './services';

// Deadlines live in storage and the engine; the alarm only makes time pass for quiet rooms and keeps
// housekeeping going. Registered idempotently: re-creating an alarm with the same name replaces it.

export const TICK_ALARM = 'livecue-tick';
export const RETENTION_ALARM = 'livecue-retention';

export function setupAlarms(services: BackgroundServices): void {
  const { registry, settings, db, startup } = services;
  startup.later(() => {
    void browser.alarms.get(TICK_ALARM).then((existing) => {
      if (!existing) void browser.alarms.create(TICK_ALARM, { periodInMinutes: 0.5 });
    });
    void browser.alarms.get(RETENTION_ALARM).then((existing) => {
      if (!existing)
        void browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 6 * 60, delayInMinutes: 1 });
    });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TICK_ALARM) {
      void registry.tick().catch((error: unknown) => console.error('Livecue: tick failed', error));
    } else if (alarm.name === RETENTION_ALARM) {
      void settings
        .get()
        .then(({ retentionDays }) =>
          applyRetention(db, Date.now(), retentionDays, (ids) => registry.forget(ids)),
        )
        .catch((error: unknown) => console.error('Livecue: retention failed', error));
    }
  });
}
