import { afterEach, describe, expect, it } from 'vitest';
import type { Command, CommandResult } from '../../../lib/core/messages/commands';
import type { LivecueDb } from '../../../lib/store/database';
import { currentCueNow, runShortcut } from '../../../lib/worker/setupShortcuts';
import { freshLiveCueDb, liveCue, liveSession, T } from '../liveCueFixtures';

// A shortcut acts on the cue the side panel shows large: the current room's most pressing waiting cue,
// judged on that room's clock, through the same commands as the panel's buttons.

const dbs: LivecueDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function roomWithCues(): Promise<LivecueDb> {
  const db = freshLiveCueDb();
  dbs.push(db);
  // The room's clock runs 10 s behind the wall clock.
  await db.sessions.bulkPut([
    liveSession('live', { clockOffsetMs: 10_000 }),
    liveSession('earlier', { lastSampleAt: T - 60_000 }),
  ]);
  await db.cues.bulkPut([
    liveCue('live', 'sales-stall', { firedAt: T - 20_000 }),
    liveCue('live', 'traffic-drop', { firedAt: T - 2000, severity: 'urgent', expiresAt: T + 5000 }),
    liveCue('earlier', 'traffic-surge', { severity: 'urgent' }),
  ]);
  return db;
}

function recorder() {
  const sent: Command[] = [];
  const run = async (command: Command): Promise<CommandResult> => {
    sent.push(command);
    return { ok: true, data: { cue: null, saved: true } };
  };
  return { sent, run };
}

describe('shortcuts', () => {
  it('acts on the current room’s most severe cue, the panel’s current cue', async () => {
    const db = await roomWithCues();
    const { sent, run } = recorder();
    // Wall T + 10 s is T on the room's clock: the urgent drop is still live.
    const outcome = await runShortcut(db, run, 'cue-done', T + 10_000);
    expect(outcome).toMatchObject({ cueId: 'live:traffic-drop:1799999998000', result: { ok: true } });
    expect(sent).toEqual([{ type: 'cue.done', cueId: 'live:traffic-drop:1799999998000' }]);
  });

  it('snoozes for the panel’s default length and dismisses', async () => {
    const db = await roomWithCues();
    const { sent, run } = recorder();
    await runShortcut(db, run, 'cue-snooze', T + 10_000);
    await runShortcut(db, run, 'cue-dismiss', T + 10_000);
    expect(sent).toEqual([
      { type: 'cue.snooze', cueId: 'live:traffic-drop:1799999998000', snoozeSec: 120 },
      { type: 'cue.dismiss', cueId: 'live:traffic-drop:1799999998000' },
    ]);
  });

  it('skips a cue past its deadline on the room’s clock, even if the engine has not marked it yet', async () => {
    const db = await roomWithCues();
    // Wall T + 16 s is T + 6 s on the room's clock: the drop expired at T + 5 s.
    expect((await currentCueNow(db, T + 16_000))?.ruleId).toBe('sales-stall');
  });

  it('does nothing without a current cue, or for a command that is not a cue shortcut', async () => {
    const db = freshLiveCueDb();
    dbs.push(db);
    const { sent, run } = recorder();
    expect(await runShortcut(db, run, 'cue-done', T)).toEqual({ command: 'cue-done', cueId: null });
    expect(await runShortcut(await roomWithCues(), run, '_execute_action', T)).toMatchObject({ cueId: null });
    expect(sent).toEqual([]);
  });
});
