import { afterEach, describe, expect, it, vi } from 'vitest';
import { BADGE_COLOURS } from '../../../lib/core/cues/cueBadge';
import { defaultSettings, type Settings } from '../../../lib/core/settings/settingsSchema';
import type { LivecueDb } from '../../../lib/store/database';
import { watchOpenCues } from '../../../lib/worker/openCueWatch';
import { type BadgeSurface, setupBadge } from '../../../lib/worker/setupBadge';
import { freshLiveCueDb, liveCue, liveSession, T } from '../liveCueFixtures';

// The toolbar badge follows the database: each write that changes what waits redraws it, also in a fresh
// worker (the watch reads the database at start), with a tooltip in the user's language.

const dbs: LivecueDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function surface() {
  const drawn = { text: '', colour: '', title: '' };
  const badge: BadgeSurface = {
    setBadgeText: async ({ text }) => {
      drawn.text = text;
    },
    setBadgeBackgroundColor: async ({ color }) => {
      drawn.colour = color;
    },
    setTitle: async ({ title }) => {
      drawn.title = title;
    },
  };
  return { drawn, badge };
}

const settings = (locale: Settings['locale']) => ({ get: async () => ({ ...defaultSettings(), locale }) });
const WAIT = { timeout: 10_000, interval: 5 };

describe('setupBadge', () => {
  it('counts the waiting cues, colours them by the most severe, and clears when they are acted on', async () => {
    const db = freshLiveCueDb();
    dbs.push(db);
    await db.sessions.put(liveSession('room'));
    const { drawn, badge } = surface();
    setupBadge(watchOpenCues(db), settings('en'), badge, () => T);
    await vi.waitFor(() => expect(drawn.title).toMatch(/no cue waiting/), WAIT);
    expect(drawn.text).toBe('');

    const drop = liveCue('room', 'traffic-drop', { severity: 'urgent' });
    await db.cues.bulkPut([liveCue('room', 'sales-stall'), drop]);
    await vi.waitFor(() => expect(drawn).toMatchObject({ text: '2', colour: BADGE_COLOURS.urgent }), WAIT);
    expect(drawn.title).toBe('Livecue: 2 waiting, most pressing: urgent. Click to open the side panel.');

    await db.cues.put({ ...drop, status: 'done' });
    await vi.waitFor(() => expect(drawn).toMatchObject({ text: '1', colour: BADGE_COLOURS.act }), WAIT);
  });

  it('draws what is already waiting as soon as a (restarted) worker starts, in Chinese when asked', async () => {
    const db = freshLiveCueDb();
    dbs.push(db);
    await db.sessions.put(liveSession('room'));
    await db.cues.put(liveCue('room', 'milestone', { severity: 'info' }));
    const { drawn, badge } = surface();
    setupBadge(watchOpenCues(db), settings('zh-CN'), badge, () => T);
    await vi.waitFor(() => expect(drawn).toMatchObject({ text: '1', colour: BADGE_COLOURS.info }), WAIT);
    expect(drawn.title).toBe('Livecue:1 条待处理,最要紧:提示。点击打开侧边栏。');
  });
});
