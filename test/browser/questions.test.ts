import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, loadScenario, readStoredTables, startHarness } from './extensionHarness';

// The comment stream end to end in a real Chromium: the mock room plays a scenario's comments into its
// comment list, the content script reads them, they ride on the samples to the background, are stored in
// the session, and a burst of size questions surfaces as a `questions` cue in the side panel.

describe('the room’s voice', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('reads the comment list, stores it, and cues the size question many viewers ask', async () => {
    const panel = await harness.openPanel();
    const scenario = loadScenario('questions-size-zh');
    // The room opens five minutes into the live (its chat before then is more of the same) and plays at 40×
    // (forty scenario seconds of comments each wall second; the reader takes each addition to the list in its
    // observer's callback); from 9:20 on, before the size questions pile up (the cue is due from 10:00), at
    // 5×: the cue lives 240 scenario seconds, 12 wall seconds at 20×, and on a machine at load 28 that was
    // less than the panel took from showing the question to taking the click (it expired under it).
    await harness.openRoom(scenario, { speed: 40, speedChanges: [{ atSec: 560, speed: 5 }], fromSec: 300 });

    const cue = panel.locator('[data-rule-id="questions"][data-cue-id]').first();
    await cue.waitFor({ state: 'visible', timeout: 90_000 });
    const question = panel.locator('[data-testid="open-questions"] [data-topic="size"]');
    await question.waitFor({ state: 'visible', timeout: 10_000 });
    expect(Number(await question.getAttribute('data-askers'))).toBeGreaterThanOrEqual(4);
    const cueIdOnScreen = await question.getAttribute('data-cue-id');

    // Answered at once, as the operator does: the cue lives under a minute of wall time, and on a loaded
    // machine reading the tables first let it expire under the click. The cue is done and the topic leaves
    // the open questions.
    await question.locator('[data-action="answered"]').click();
    await question.waitFor({ state: 'detached', timeout: 10_000 });

    // The panel drops the question when the worker pushes the cue's change, which can be before the write
    // queue has put the action on disk: wait for the stored answer, then read the tables.
    let tables = await readStoredTables(panel);
    await expect
      .poll(async () => {
        tables = await readStoredTables(panel);
        return tables.actions.some(
          (a) => a.type === 'cue' && a.cueId === cueIdOnScreen && a.action === 'done',
        );
      })
      .toBe(true);
    const [session] = tables.sessions;
    const comments = tables.comments.filter((c) => c.sessionId === session?.id);
    // Every comment the room showed so far is stored once, in order, with what it asks.
    expect(comments.length).toBeGreaterThan(200);
    expect(new Set(comments.map((c) => c.ts)).size).toBe(comments.length);
    expect(comments.some((c) => c.topics.includes('size'))).toBe(true);
    const cueRow = tables.cues.find((c) => c.ruleId === 'questions' && c.id === (cueIdOnScreen ?? c.id));
    expect(cueRow?.params.topic).toBe('size');
    expect(session?.commentCount).toBeGreaterThanOrEqual(comments.length);
    // The click stored the operator's answer on that cue.
    expect(tables.actions).toContainEqual(
      expect.objectContaining({ type: 'cue', cueId: cueRow?.id, action: 'done' }),
    );
  });
});
