import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../lib/core/settings/settingsSchema';
import type { SessionCues } from '../../../lib/store/openCues';
import {
  ANNOUNCE_WITHIN_MS,
  createUrgentNotifier,
  type NotificationOptions,
} from '../../../lib/worker/urgentNotifier';
import { liveCue, liveSession, T } from '../liveCueFixtures';

// An urgent cue becomes a system notification while the side panel is closed — once, in the user's
// language, with Done / Later buttons — and the notification goes when the cue is acted on or expires.

function harness(options: { notifyUrgent?: boolean; panel?: boolean; permission?: boolean } = {}) {
  const shown = new Map<string, NotificationOptions>();
  let stored: string[] = [];
  const state = {
    settings: {
      ...defaultSettings(),
      notifyUrgent: options.notifyUrgent ?? true,
      locale: 'zh-CN',
    } as Settings,
    panel: options.panel ?? false,
    permission: options.permission ?? true,
    wall: T,
  };
  const api = {
    create: async (id: string, o: NotificationOptions) => shown.set(id, o),
    clear: async (id: string) => shown.delete(id),
    getAll: async () => Object.fromEntries([...shown.keys()].map((id) => [id, true])),
  };
  const deps = {
    settings: async () => state.settings,
    notifications: () => (state.permission ? api : undefined),
    panelShowing: async () => state.panel,
    loadAnnounced: async () => stored,
    saveAnnounced: async (keys: string[]) => {
      stored = keys;
    },
    iconUrl: 'chrome-extension://id/icon/128.png',
    wallNow: () => state.wall,
  };
  return { shown, state, deps, notifier: createUrgentNotifier(deps), announced: () => stored };
}

const session = liveSession('room', { title: '羊绒专场' });
const drop = liveCue('room', 'traffic-drop', { firedAt: T - 1000, severity: 'urgent' });
const stall = liveCue('room', 'sales-stall', { firedAt: T - 1000 });
const rooms = (...cues: SessionCues['cues']): SessionCues[] => [{ session, cues }];

describe('urgent notifications', () => {
  it('notifies a fresh urgent cue once, in the user’s language, with the room and two actions', async () => {
    const { shown, notifier } = harness();
    await notifier.update(rooms(drop, stall));
    await notifier.update(rooms(drop, stall));
    expect([...shown.keys()]).toEqual([`livecue-cue:${drop.id}`]);
    const options = shown.get(`livecue-cue:${drop.id}`)!;
    expect(options).toMatchObject({ type: 'basic', contextMessage: '羊绒专场', priority: 2 });
    expect(options.title).toMatch(/[\u4e00-\u9fff]/);
    expect(options.buttons.map((b) => b.title)).toEqual(['已执行', '稍后']);
  });

  it('stays quiet while the panel is open, and does not bring the cue up when the panel closes', async () => {
    const { shown, state, notifier } = harness({ panel: true });
    await notifier.update(rooms(drop));
    expect(shown.size).toBe(0);
    state.panel = false;
    await notifier.update(rooms(drop));
    expect(shown.size).toBe(0);
  });

  it('takes the notification back once the cue is acted on, and announces it again after a snooze', async () => {
    const { shown, state, notifier } = harness();
    await notifier.update(rooms(drop));
    expect(shown.size).toBe(1);
    await notifier.update(rooms({ ...drop, status: 'snoozed', snoozedUntil: T + 120_000 }));
    expect(shown.size).toBe(0);
    state.wall = T + 121_000;
    await notifier.update(
      rooms({ ...drop, status: 'active', snoozedUntil: T + 120_000, expiresAt: T + 300_000 }),
    );
    expect(shown.size).toBe(1);
  });

  it('never shows anything while the setting is off or Chrome withholds the permission, nor old cues', async () => {
    for (const options of [{ notifyUrgent: false }, { permission: false }]) {
      const { shown, notifier } = harness(options);
      await notifier.update(rooms(drop));
      expect(shown.size).toBe(0);
    }
    const { shown, notifier } = harness();
    await notifier.update(rooms({ ...drop, firedAt: T - ANNOUNCE_WITHIN_MS - 1000, expiresAt: T + 60_000 }));
    expect(shown.size).toBe(0);
  });

  it('remembers across a worker restart what it announced and what is on screen', async () => {
    const first = harness();
    await first.notifier.update(rooms(drop));
    expect(first.shown.size).toBe(1);
    // A new worker: same storage, same notification centre, fresh memory.
    const second = createUrgentNotifier(first.deps);
    await second.update(rooms(drop));
    expect(first.shown.size).toBe(1);
    await second.update(rooms({ ...drop, status: 'done' }));
    expect(first.shown.size).toBe(0);
  });

  it('clears what it showed when the setting is turned off', async () => {
    const { shown, state, notifier } = harness();
    await notifier.update(rooms(drop));
    state.settings = { ...state.settings, notifyUrgent: false };
    await notifier.update(rooms(drop));
    expect(shown.size).toBe(0);
  });
});
