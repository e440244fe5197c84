import { afterEach, expect, it } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import { createOptionsStore } from '../../../../lib/ui/options/optionsStore';

let db: LivecueDb;
afterEach(async () => {
  await db.delete();
});

const settled = <T>(read: () => T | undefined) =>
  new Promise<T>((resolve) => {
    const poll = () => {
      const value = read();
      if (value !== undefined) resolve(value);
      else setTimeout(poll, 5);
    };
    poll();
  });

it('loads the stored settings live, with defaults filled, and follows later writes', async () => {
  db = new LivecueDb(`options-${Math.random()}`);
  await db.settings.put({ key: 'settings', value: { mode: 'streamer' } });
  const store = createOptionsStore(db);
  expect(store.settings.value).toBeUndefined();
  expect((await settled(() => store.settings.value)).mode).toBe('streamer');
  await db.settings.put({ key: 'settings', value: { mode: 'operator', sound: true } });
  await settled(() => (store.settings.value?.sound ? store.settings.value : undefined));
  expect(store.settings.value?.mode).toBe('operator');
  store.dispose();
});
