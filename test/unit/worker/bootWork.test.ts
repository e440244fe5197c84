import { describe, expect, it, vi } from 'vitest';
import { startWorker } from './workerHarness';

// A restarted worker stores the sample it was woken for first (issue 19: cold start → first stored sample):
// loading its modules must not do work that sample does not need.

describe("the worker's start", () => {
  it('builds no comment matching table while its modules load', async () => {
    vi.resetModules();
    // The modules entrypoints/background.ts wires (the entrypoint itself needs WXT's defineBackground).
    await Promise.all([
      import('../../../lib/worker/coldStartProbe'),
      import('../../../lib/worker/openCueWatch'),
      import('../../../lib/worker/panelPush'),
      import('../../../lib/worker/services'),
      import('../../../lib/worker/setupActionMenu'),
      import('../../../lib/worker/setupAlarms'),
      import('../../../lib/worker/setupBadge'),
      import('../../../lib/worker/setupCommands'),
      import('../../../lib/worker/setupNotifications'),
      import('../../../lib/worker/setupRoomPort'),
      import('../../../lib/worker/setupSamplePacking'),
      import('../../../lib/worker/setupShortcuts'),
      import('../../../lib/worker/setupSidePanel'),
      import('../../../lib/worker/setupSiteAccess'),
    ]);
    const { matchingTableBuilt, normalizeComment } = await import(
      '../../../lib/core/comments/normalizeComment'
    );
    expect(matchingTableBuilt()).toBe(false);
    expect(normalizeComment('　ＰＲＩＣＥ？')).toBe('price?');
    expect(matchingTableBuilt()).toBe(true);
  });

  it('opens the database at once, before any query asks for it', async () => {
    const worker = startWorker();
    await vi.waitFor(() => expect(worker.db.isOpen()).toBe(true), { timeout: 2000, interval: 5 });
  });
});
