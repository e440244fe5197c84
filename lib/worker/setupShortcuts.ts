import { currentCue } from '../core/cues/cueOrder';
import type { Cue } from '../core/engine/types';
import { type Command, type CommandResult, commandSchema } from '../core/messages/commands';
import { CUE_COMMANDS, isCueCommand } from '../core/shortcuts/shortcutCommands';
import type { LivecueDb } from '../store/database';
import { currentSession, openCues } from '../store/openCues';

// Keyboard shortcuts from any tab (Chrome `commands`): done / snooze / dismiss act on the current cue —
// the one the side panel shows large, read from the database the way the panel reads it — through the
// same command path as the panel's buttons. Opening the side panel is Chrome's own `_execute_action`.

export type RunCommand = (command: Command) => Promise<CommandResult>;

/** The current cue at wall time `wallNow`: the current room's most pressing waiting cue, on its clock. */
export async function currentCueNow(db: LivecueDb, wallNow: number): Promise<Cue | null> {
  const session = await currentSession(db);
  if (!session) return null;
  return currentCue(await openCues(db, session.id), wallNow - (session.clockOffsetMs ?? 0));
}

export interface ShortcutOutcome {
  command: string;
  cueId: string | null;
  result?: CommandResult;
}

/** Runs one shortcut; a command that is not a cue shortcut, or no current cue, does nothing. */
export async function runShortcut(
  db: LivecueDb,
  run: RunCommand,
  command: string,
  wallNow: number = Date.now(),
): Promise<ShortcutOutcome> {
  if (!isCueCommand(command)) return { command, cueId: null };
  const cue = await currentCueNow(db, wallNow);
  if (!cue) return { command, cueId: null };
  // Parsed like a page's command, so a snooze gets the same default length as the panel's button.
  const result = await run(commandSchema().parse({ type: `cue.${CUE_COMMANDS[command]}`, cueId: cue.id }));
  if (!result.ok) console.warn(`Livecue: shortcut ${command} failed: ${result.error}`);
  return { command, cueId: cue.id, result };
}

declare global {
  /** e2e builds only: the shortcut listener itself, so a headless test can run what a key press runs. */
  var livecueShortcut: ((command: string) => Promise<ShortcutOutcome>) | undefined;
}

export function setupShortcuts(db: LivecueDb, run: RunCommand): void {
  const onCommand = (command: string) => runShortcut(db, run, command);
  browser.commands.onCommand.addListener((command) => void onCommand(command));
  // Headless Chromium cannot press a browser-wide shortcut; the e2e build lets its tests call the listener.
  if (import.meta.env.MODE === 'e2e') globalThis.livecueShortcut = onCommand;
}
