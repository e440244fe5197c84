import { describe, expect, it } from 'vitest';
import {
  checkImportBoundaries,
  importsOf,
  layerOf,
  readSourceTree,
} from '../../../../scripts/node/importBoundaries';

const tree = (files: Record<string, string>) => ({ files: new Map(Object.entries(files)) });

describe('import boundaries', () => {
  it('holds for the whole project', () => {
    expect(checkImportBoundaries(readSourceTree(process.cwd()))).toEqual([]);
  });

  it('names the layer of a file by its folder', () => {
    expect(layerOf('lib/core/engine/createEngine.ts')).toBe('core');
    expect(layerOf('lib/room/sites/labelReader.ts')).toBe('room');
    expect(layerOf('entrypoints/content/index.ts')).toBe('content');
    expect(layerOf('entrypoints/contentRoom.ts')).toBe('content');
    expect(layerOf('entrypoints/background.ts')).toBe('background');
    expect(layerOf('entrypoints/sessions/main.tsx')).toBe('page');
    expect(layerOf('scripts/replay.ts')).toBeNull();
  });

  it('tells runtime imports from type-only ones', () => {
    expect(
      importsOf(
        "import { a } from './a';\nimport type { B } from './b';\nimport { type C, type D } from './c';\nexport { e } from './e';\ntype F = import('./f').F;",
      ),
    ).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: true },
      { specifier: './e', typeOnly: false },
      { specifier: './f', typeOnly: true },
    ]);
  });

  it('refuses a pure module that imports the database, or reads the clock', () => {
    const found = checkImportBoundaries(
      tree({
        'lib/core/engine/rule.ts': "import { db } from '../../store/database';\nexport const t = Date.now();",
        'lib/store/database.ts': "import { Dexie } from 'dexie';",
      }),
    );
    expect(found.map((v) => v.reason)).toEqual(['lib/core is pure', 'core may not import store']);
  });

  it('refuses a content-side module that carries zod through a core module, but allows its types', () => {
    const files = {
      'lib/core/messages/sample.ts': "import { z } from '../zodMini';\nexport type Sample = {};",
      'lib/core/zodMini.ts': "export * from 'zod/mini';",
      'lib/room/link/roomLink.ts': "import { sampleSchema } from '../../core/messages/sample';",
      'lib/room/link/sampleBuffer.ts': "import type { Sample } from '../../core/messages/sample';",
    };
    expect(checkImportBoundaries(tree(files))).toEqual([
      {
        file: 'lib/room/link/roomLink.ts',
        specifier: '../../core/messages/sample',
        reason: 'room must not carry zod/mini',
      },
    ]);
  });

  it('refuses a page-side import in the worker and a worker import in a page', () => {
    const found = checkImportBoundaries(
      tree({
        'lib/worker/services.ts': "import { x } from '../ui/panel/panelStore';",
        'lib/ui/panel/panelStore.ts': "import { y } from '../../worker/roomIngest';",
        'lib/worker/roomIngest.ts': '',
        'components/panel/PanelView.tsx': "import { h } from 'preact';",
      }),
    );
    expect(found.map((v) => `${v.file}: ${v.reason}`)).toEqual([
      'lib/worker/services.ts: worker may not import ui',
      'lib/ui/panel/panelStore.ts: ui may not import worker',
    ]);
  });
});

describe('the core stack', () => {
  const reasons = (files: Record<string, string>) =>
    checkImportBoundaries(tree(files)).map((v) => `${v.file}: ${v.reason}`);

  it('lets a core folder import the folders below it', () => {
    expect(
      reasons({
        'lib/core/engine/rules/questions.ts': "import { x } from '../../comments/commentLexicon';",
        'lib/core/comments/commentLexicon.ts': "import type { I } from '../settingsIssue';",
        'lib/core/settingsIssue.ts': '',
      }),
    ).toEqual([]);
  });

  it('refuses an upward import, a type-only one too, and one beside it', () => {
    expect(
      reasons({
        'lib/core/engine/commentClassifier.ts': "import { parse } from '../settings/commentLexicon';",
        'lib/core/settings/commentLexicon.ts': '',
        'lib/core/comments/commentLexicon.ts': "import type { I } from '../settings/settingsSchema';",
        'lib/core/settings/settingsSchema.ts': '',
        'lib/core/cues/cueBadge.ts': "import { f } from '../format/formatNumber';",
        'lib/core/format/formatNumber.ts': '',
      }),
    ).toEqual([
      'lib/core/engine/commentClassifier.ts: core/engine may not import core/settings, which sits above it',
      'lib/core/comments/commentLexicon.ts: core/comments may not import core/settings, which sits above it',
      'lib/core/cues/cueBadge.ts: core/cues may not import core/format, which sits beside it',
    ]);
  });

  it('refuses a folder not placed in the stack', () => {
    expect(
      reasons({
        'lib/core/engine/types.ts': "import type { P } from '../stock/stockLevels';",
        'lib/core/stock/stockLevels.ts': '',
      }),
    ).toEqual(['lib/core/engine/types.ts: core/stock is not placed in the core stack (CORE_LEVELS)']);
  });

  it('asks for the shortest path, not a detour out of a folder and back', () => {
    expect(
      reasons({
        'lib/core/cues/cueOrder.ts': "import type { Cue } from '../../core/engine/types';",
        'lib/core/engine/types.ts': '',
      }),
    ).toEqual(['lib/core/cues/cueOrder.ts: import it as ../engine/types']);
  });
});
