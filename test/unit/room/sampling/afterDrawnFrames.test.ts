// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterDrawnFrames } from '../../../../lib/room/sampling/afterDrawnFrames';
import { useFakeClockAndFrames } from '../fakeClockAndFrames';

// The settle check's wait for two drawn frames, on a fake clock whose frames come every 16 ms.

describe('afterDrawnFrames', () => {
  let inFrame: boolean;
  beforeEach(() => {
    useFakeClockAndFrames();
    // Marks the time the page spends in its frames' callbacks (the frame is not drawn until they return).
    inFrame = false;
    const request = globalThis.requestAnimationFrame;
    vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((callback) =>
      request((t) => {
        inFrame = true;
        try {
          callback(t);
        } finally {
          inFrame = false;
        }
      }),
    );
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('answers once two frames were drawn, in a task after them rather than inside a frame', async () => {
    const answers: { drew: boolean; inFrame: boolean }[] = [];
    afterDrawnFrames(document, (drew) => answers.push({ drew, inFrame }), 1000);
    await vi.advanceTimersByTimeAsync(20);
    expect(answers).toEqual([]);
    await vi.advanceTimersByTimeAsync(30);
    // A read inside the frame's callbacks would make that frame longer: the page's paint waits for it.
    expect(answers).toEqual([{ drew: true, inFrame: false }]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(answers).toHaveLength(1);
  });

  it('says no frame was seen when none came within its patience', async () => {
    vi.mocked(globalThis.requestAnimationFrame).mockImplementation(() => 1);
    const answers: boolean[] = [];
    afterDrawnFrames(document, (drew) => answers.push(drew), 300);
    await vi.advanceTimersByTimeAsync(299);
    expect(answers).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(answers).toEqual([false]);
  });

  it('never answers once cancelled, not even between the second frame and its answer', async () => {
    const answers: boolean[] = [];
    let cancel = () => {};
    let frames = 0;
    const request = vi.mocked(globalThis.requestAnimationFrame).getMockImplementation()!;
    vi.mocked(globalThis.requestAnimationFrame).mockImplementation((callback) =>
      request((t) => {
        callback(t);
        // Right after the second frame's callback: its answer is scheduled, not given yet.
        if (++frames === 2) cancel();
      }),
    );
    cancel = afterDrawnFrames(document, (drew) => answers.push(drew), 300);
    await vi.advanceTimersByTimeAsync(1000);
    expect(frames).toBe(2);
    expect(answers).toEqual([]);
  });

  it('goes after its short wait on a hidden page, which draws no frames', async () => {
    vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    const answers: boolean[] = [];
    afterDrawnFrames(document, (drew) => answers.push(drew), 1000, 100);
    await vi.advanceTimersByTimeAsync(99);
    expect(answers).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    // Its animations stand still, so what it shows counts as held still.
    expect(answers).toEqual([true]);
  });
});
