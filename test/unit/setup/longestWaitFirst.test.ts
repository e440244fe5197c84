import { describe, expect, it } from 'vitest';
import { declaredWaitMs } from '../../setup/longestWaitFirst';

describe('the browser files’ order', () => {
  it('weighs a file by the timeouts it names, of a poll, a wait or a whole test', () => {
    const source = `
      await cue.waitFor({ state: 'visible', timeout: 60_000 });
      await expect.poll(() => count(), { timeout: 20000, interval: 250 }).toBe(1);
      it('plays the whole evening', async () => {
        await room.waitForTimeout(1500);
      }, 240_000);
    `;
    expect(declaredWaitMs(source)).toBe(320_000);
  });

  it('ignores intervals, sub-second timeouts and other numbers', () => {
    expect(declaredWaitMs('poll({ interval: 5000, timeout: 500 }); const n = 120_000;')).toBe(0);
  });
});
