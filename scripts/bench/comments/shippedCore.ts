import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../../node/mockRoomServer';

// The comment classifier and question tracker as the extension ships them: bundled by esbuild like the
// worker's build does. Measuring the modules through tsx would measure tsx (it keeps every function's name,
// wrapping each closure the classifier makes per comment).

type Core = typeof import('../../../lib/core/comments/classifyComment') &
  typeof import('../../../lib/core/comments/questionTracker');

export async function loadShippedCommentCore(): Promise<Core> {
  const out = await build({
    stdin: {
      contents: `export { createCommentClassifier } from './lib/core/comments/classifyComment';
        export { QuestionTracker } from './lib/core/comments/questionTracker';`,
      resolveDir: PROJECT_ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  const file = join(mkdtempSync(join(tmpdir(), 'livecue-bench-')), 'comments.mjs');
  writeFileSync(file, out.outputFiles[0]!.text);
  return (await import(pathToFileURL(file).href)) as Core;
}
