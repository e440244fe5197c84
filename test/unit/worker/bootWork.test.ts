import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startWorker } from './workerHarness';

// A restarted worker stores the sample it was woken for first (issue 19: cold start → first stored sample):
// loading its modules must not do work that sample does not need.

describe("the worker's start", () => {
  /** The modules entrypoints/background.ts wires (the entrypoint itself needs WXT's defineBackground). */
  const loadWorkerModules = () =>
    Promise.all([
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

  it('builds no comment matching table while its modules load', async () => {
    vi.resetModules();
    await loadWorkerModules();
    const { matchingTableBuilt, normalizeComment } = await import(
      '../../../lib/core/comments/normalizeComment'
    );
    expect(matchingTableBuilt()).toBe(false);
    expect(normalizeComment('　ＰＲＩＣＥ？')).toBe('price?');
    expect(matchingTableBuilt()).toBe(true);
  });

  it('builds no settings or rule schema while its modules load, and each once when settings are read', async () => {
    vi.resetModules();
    // Every object schema built, by its keys (the rules' parameters, the settings).
    const built: string[][] = [];
    vi.doMock('../../../lib/core/zodMini', async (importOriginal) => {
      const { z } = await importOriginal<typeof import('../../../lib/core/zodMini')>();
      const object: typeof z.object = (shape, params) => {
        built.push(Object.keys(shape ?? {}));
        return z.object(shape, params);
      };
      return { z: { ...z, object } };
    });
    try {
      await loadWorkerModules();
      const settingsOrRules = () =>
        built.filter((keys) =>
          ['dropPct', 'traffic-drop', 'retentionDays', 'maxActive'].some((k) => keys.includes(k)),
        );
      expect(settingsOrRules()).toEqual([]);
      const { parseSettings } = await import('../../../lib/core/settings/settingsSchema');
      const { settings } = parseSettings({ rules: { 'traffic-drop': { dropPct: 30 } } });
      expect(settings.rules['traffic-drop'].dropPct).toBe(30);
      expect(settings.retentionDays).toBe(90);
      parseSettings({});
      // The traffic-drop rule's, the arbitration's, the rule settings' and the settings' own: once each.
      expect(settingsOrRules()).toHaveLength(4);
    } finally {
      vi.doUnmock('../../../lib/core/zodMini');
      vi.resetModules();
    }
  });

  it('builds nothing made to be built on first use while its modules load (lexicon, schemas)', async () => {
    vi.resetModules();
    const builds: unknown[] = [];
    vi.doMock('../../../lib/core/builtOnFirstUse', async (importOriginal) => {
      const { builtOnFirstUse } = await importOriginal<typeof import('../../../lib/core/builtOnFirstUse')>();
      return {
        builtOnFirstUse: <T>(build: () => T) =>
          builtOnFirstUse(() => {
            const value = build();
            builds.push(value);
            return value;
          }),
      };
    });
    try {
      await loadWorkerModules();
      expect(builds).toEqual([]);
      // Each is built when first asked for, once: the classifier splits the default lexicon's lists.
      const { createCommentClassifier } = await import('../../../lib/core/comments/classifyComment');
      expect(createCommentClassifier()('多少钱')).toEqual(['price']);
      expect(createCommentClassifier({ price: ['pp'] })('pp?')).toEqual(['price']);
      expect(
        builds.filter((value) => typeof value === 'object' && value !== null && 'FILLER_WORDS' in value),
      ).toHaveLength(1);
    } finally {
      vi.doUnmock('../../../lib/core/builtOnFirstUse');
      vi.resetModules();
    }
  });

  it('opens the database at once, before any query asks for it', async () => {
    const worker = startWorker();
    await vi.waitFor(() => expect(worker.db.isOpen()).toBe(true), { timeout: 2000, interval: 5 });
  });
});

describe('what a start leaves for later', () => {
  /** `browser` whose top-level APIs note when they are first read. */
  function watchedBrowser() {
    const read = new Set<string>();
    vi.stubGlobal(
      'browser',
      new Proxy(fakeBrowser, {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver);
        },
      }),
    );
    return read;
  }

  it('reaches chrome.action at the first badge, not when the badge is set up', async () => {
    vi.resetModules();
    const { setupBadge } = await import('../../../lib/worker/setupBadge');
    const { defaultSettings } = await import('../../../lib/core/settings/settingsSchema');
    const read = watchedBrowser();
    let tell: ((rooms: []) => void) | undefined;
    setupBadge(
      {
        subscribe: (listener) => {
          tell = listener;
          return () => undefined;
        },
      },
      { get: async () => defaultSettings() },
    );
    expect(read.has('action')).toBe(false);
    tell?.([]);
    await vi.waitFor(() => expect(read.has('action')).toBe(true));
    vi.unstubAllGlobals();
  });

  it('sets the side panel up once the first samples are stored', async () => {
    const { setupSidePanel } = await import('../../../lib/worker/setupSidePanel');
    const { createStartupGate } = await import('../../../lib/worker/startupGate');
    const setOptions = vi.fn(async () => undefined);
    const setPanelBehavior = vi.fn(async () => undefined);
    vi.stubGlobal('chrome', { sidePanel: { setOptions, setPanelBehavior } });
    const startup = createStartupGate();
    setupSidePanel(startup);
    expect(setOptions).not.toHaveBeenCalled();
    startup.open();
    expect(setOptions).toHaveBeenCalledWith({ path: 'sidepanel.html', enabled: true });
    expect(setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
    vi.unstubAllGlobals();
  });
});
