import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// Debian's `chromium` package, or CHROME_PATH. Never a browser download: when none is found,
// `ensureChromium` installs Debian's package with apt-get where it may (root, or passwordless sudo),
// and otherwise stops with the one line that says how. `npm start`, `npm test` and `.ci/run` all come
// through here.

export class MissingBrowserError extends Error {}

const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export const MISSING_BROWSER_MESSAGE =
  'No Chromium found: install it with `sudo apt-get install -y chromium` (or set CHROME_PATH to a Chromium/Chrome binary).';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROME_PATH) {
    if (isExecutable(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new MissingBrowserError(`CHROME_PATH=${env.CHROME_PATH} is not an executable browser.`);
  }
  for (const name of BROWSER_NAMES) {
    const found = onPath(name, env);
    if (found) return found;
  }
  throw new MissingBrowserError(MISSING_BROWSER_MESSAGE);
}

/** What this machine allows: the facts `installPlan` decides on, gathered apart so the decision is testable. */
export interface MachineFacts {
  isRoot: boolean;
  hasAptGet: boolean;
  /** `sudo -n true` succeeds: sudo without a password prompt. */
  hasPasswordlessSudo: boolean;
  /** LIVECUE_NO_INSTALL=1: the user asked never to install anything. */
  installRefused: boolean;
}

/** The commands that install Debian's chromium here, or null when this machine does not let us. */
export function installPlan(facts: MachineFacts): string[][] | null {
  if (facts.installRefused || !facts.hasAptGet) return null;
  if (!facts.isRoot && !facts.hasPasswordlessSudo) return null;
  const asRoot = (args: string[]) =>
    facts.isRoot ? args : ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', ...args];
  return [asRoot(['apt-get', 'update', '-qq']), asRoot(['apt-get', 'install', '-y', '-q', 'chromium'])];
}

export function machineFacts(env: NodeJS.ProcessEnv = process.env): MachineFacts {
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && onPath('sudo', env);
  return {
    isRoot,
    hasAptGet: !!onPath('apt-get', env),
    hasPasswordlessSudo: !!sudo && spawnSync(sudo, ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    installRefused: env.LIVECUE_NO_INSTALL === '1',
  };
}

/**
 * The browser's path; when there is none (and CHROME_PATH is not set), installs Debian's chromium if this
 * machine lets us, saying what it runs. Throws MissingBrowserError with the one line to act on otherwise.
 */
export function ensureChromium(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => console.error(line),
  facts: MachineFacts = machineFacts(env),
): string {
  try {
    return findChromium(env);
  } catch (error) {
    if (!(error instanceof MissingBrowserError) || env.CHROME_PATH) throw error;
  }
  const plan = installPlan(facts);
  if (!plan) throw new MissingBrowserError(MISSING_BROWSER_MESSAGE);
  log("No Chromium found: installing Debian's chromium package (the scripts never download a browser).");
  for (const command of plan) {
    log(`$ ${command.join(' ')}`);
    const run = spawnSync(command[0]!, command.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) {
      throw new MissingBrowserError(
        `Installing chromium failed (\`${command.join(' ')}\` exited with ${run.status ?? run.signal}). ${MISSING_BROWSER_MESSAGE}`,
      );
    }
  }
  const path = findChromium(env);
  log(`Installed: ${path}`);
  return path;
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `ensureChromium` for a command line: prints the one line to act on and exits 1 when there is no browser. */
export function ensureChromiumOrExit(): string {
  try {
    return ensureChromium();
  } catch (error) {
    if (!(error instanceof MissingBrowserError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
