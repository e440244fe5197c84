import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LivecueDb } from '../../../lib/store/database';
import { type SettingsChange, SettingsStore, sameValue } from '../../../lib/worker/settingsStore';

const dbs: LivecueDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});
const store = () => {
  const db = new LivecueDb(`settings-${Math.random()}`);
  dbs.push(db);
  return new SettingsStore(db);
};

describe('SettingsStore', () => {
  it('tells its listeners which sections changed, and nothing when a patch changes nothing', async () => {
    const settings = store();
    const changes: SettingsChange[] = [];
    settings.onChange((change) => changes.push(change));
    await settings.update({ bindings: { douyin: { viewers: '#a' } }, sound: true });
    await settings.update({ sound: true });
    await settings.update({ plan: [{ name: '围巾', minutes: 10 }] });
    expect(changes.map((change) => [...change.changed].sort())).toEqual([['bindings', 'sound'], ['plan']]);
    expect(changes[0]?.previous.sound).toBe(false);
    expect(changes[0]?.next.sound).toBe(true);
  });

  it('applies two quick patches one after the other, so neither undoes the other', async () => {
    const settings = store();
    await Promise.all([settings.update({ sound: true }), settings.update({ overlay: true })]);
    expect(await settings.get()).toMatchObject({ sound: true, overlay: true });
  });

  it('refuses a patch with a bad field whole, naming it', async () => {
    const settings = store();
    await expect(settings.update({ retentionDays: -1, sound: true })).rejects.toThrow(/retentionDays/);
    expect((await settings.get()).sound).toBe(false);
  });
});

describe('sameValue', () => {
  it('compares data by content, whatever the order of keys', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: undefined }, {})).toBe(false);
    expect(sameValue({ a: 1 }, [1])).toBe(false);
  });
});
