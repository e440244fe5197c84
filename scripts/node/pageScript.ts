import { build } from 'esbuild';
import { PROJECT_ROOT } from './mockRoomServer';

// Benches and browser tests run project code inside a page: this bundles a small entry (its imports resolved
// from the project root) into one script for page.addScriptTag, minified like the content script.

export async function bundlePageScript(contents: string): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
  });
  return out.outputFiles[0]!.text;
}
