import { describe, expect, it } from 'vitest';
import {
  END_INTENTS_KEY,
  type EndIntentArea,
  EndIntents,
  memoryArea,
} from '../../../../lib/worker/session/endIntents';

/** A memory area that counts its reads and can fail the next one. */
function countedArea(notes: Record<string, number> = {}) {
  const area = memoryArea();
  void area.set({ [END_INTENTS_KEY]: notes });
  const counted: EndIntentArea & { reads: number; failNext: boolean } = {
    reads: 0,
    failNext: false,
    get: async (key: string) => {
      counted.reads += 1;
      if (counted.failNext) {
        counted.failNext = false;
        throw new Error('storage unavailable');
      }
      return area.get(key);
    },
    set: (items: Record<string, unknown>) => area.set(items),
  };
  return counted;
}

describe('EndIntents read ahead at the start', () => {
  it('answers the first question from the read started at the start', async () => {
    const area = countedArea({ s1: 1000 });
    const intents = new EndIntents(area);
    intents.readAhead();
    expect(area.reads).toBe(1);
    expect(await intents.pending()).toEqual(new Map([['s1', 1000]]));
    expect(area.reads).toBe(1);
  });

  it('reads storage again for every later question', async () => {
    const area = countedArea({ s1: 1000 });
    const intents = new EndIntents(area);
    intents.readAhead();
    await intents.pending();
    await area.set({ [END_INTENTS_KEY]: { s1: 1000, s2: 2000 } });
    expect(await intents.pending()).toEqual(
      new Map([
        ['s1', 1000],
        ['s2', 2000],
      ]),
    );
    expect(area.reads).toBe(2);
  });

  it('keeps an End noted after the read ahead, and the notes before it', async () => {
    const area = countedArea({ s1: 1000 });
    const intents = new EndIntents(area);
    intents.readAhead();
    expect(await intents.add('s2', 2000)).toBe(true);
    expect(await intents.pending()).toEqual(
      new Map([
        ['s1', 1000],
        ['s2', 2000],
      ]),
    );
    await intents.remove(['s1']);
    expect(await intents.pending()).toEqual(new Map([['s2', 2000]]));
  });

  it('reads again when the read ahead failed', async () => {
    const area = countedArea({ s1: 1000 });
    area.failNext = true;
    const intents = new EndIntents(area);
    intents.readAhead();
    expect(await intents.pending()).toEqual(new Map([['s1', 1000]]));
    expect(area.reads).toBe(2);
  });

  it('reads at the first question when nothing was read ahead', async () => {
    const area = countedArea({ s1: 1000, bad: Number.NaN });
    const intents = new EndIntents(area);
    expect(area.reads).toBe(0);
    expect(await intents.pending()).toEqual(new Map([['s1', 1000]]));
    expect(area.reads).toBe(1);
  });
});
