import { describe, expect, it } from 'vitest';
import { estimateStorage } from '../../../../lib/ui/history/storageUse';

describe('estimateStorage', () => {
  it('reports usage and quota where the browser can tell, and null where it cannot', async () => {
    expect(await estimateStorage({ estimate: async () => ({ usage: 1234, quota: 10_000 }) })).toEqual({
      usage: 1234,
      quota: 10_000,
    });
    expect(await estimateStorage({ estimate: async () => ({}) })).toBeNull();
    expect(await estimateStorage(undefined)).toBeNull();
  });
});
