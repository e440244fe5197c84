import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// Debian's `chromium` package, or CHROME_PATH. Never a browser download.

export class MissingBrowserError extends Error {}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROME_PATH) {
    if (isExecutable(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new MissingBrowserError(`CHROME_PATH=${env.CHROME_PATH} is not an executable browser.`);
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      const candidate = join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  throw new MissingBrowserError(
    'No Chromium found: install it with `sudo apt-get install -y chromium` (or set CHROME_PATH to a Chromium/Chrome binary).',
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
