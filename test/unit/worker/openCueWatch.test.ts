import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LivecueDb } from '../../../lib/store/database';
import type { SessionCues } from '../../../lib/store/openCues';
import { watchOpenCues } from '../../../lib/worker/openCueWatch';
import { createStartupGate } from '../../../lib/worker/startupGate';
import { freshLiveCueDb, liveCue, liveSession } from '../liveCueFixtures';

// The badge and the notifications both follow one watch of the open rooms' cues; at a worker's start its
// first read waits for the start-up gate (the first samples are stored first), whoever subscribes.

const dbs: LivecueDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const WAIT = { timeout: 10_000, interval: 5 };
const aTurn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('watchOpenCues', () => {
  it('reads nothing before the start-up gate opens, however many subscribe, then tells every one', async () => {
    const db = freshLiveCueDb();
    dbs.push(db);
    await db.sessions.put(liveSession('room'));
    await db.cues.put(liveCue('room', 'sales-stall'));
    const reads = vi.spyOn(db.cues, 'where');
    const gate = createStartupGate(60_000);
    const watch = watchOpenCues(db, gate);
    const badge: SessionCues[][] = [];
    const notifications: SessionCues[][] = [];
    watch.subscribe((rooms) => badge.push(rooms));
    watch.subscribe((rooms) => notifications.push(rooms));
    await aTurn();
    expect(reads).not.toHaveBeenCalled();
    expect(badge).toEqual([]);

    gate.open();
    await vi.waitFor(() => expect(notifications).toHaveLength(1), WAIT);
    expect(badge).toHaveLength(1);
    expect(badge[0]!.map((room) => room.cues.length)).toEqual([1]);
  });

  it('starts at once for a subscriber that comes after the gate opened, also after all had left', async () => {
    const db = freshLiveCueDb();
    dbs.push(db);
    await db.sessions.put(liveSession('room'));
    const gate = createStartupGate(60_000);
    gate.open();
    const watch = watchOpenCues(db, gate);
    const first: SessionCues[][] = [];
    const stop = watch.subscribe((rooms) => first.push(rooms));
    await vi.waitFor(() => expect(first).toHaveLength(1), WAIT);
    stop();
    const again: SessionCues[][] = [];
    watch.subscribe((rooms) => again.push(rooms));
    await db.cues.put(liveCue('room', 'milestone'));
    await vi.waitFor(() => expect(again.at(-1)?.[0]?.cues).toHaveLength(1), WAIT);
  });
});
