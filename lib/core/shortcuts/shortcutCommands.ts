import type { CueAction } from '../engine/types';

// The extension's keyboard shortcuts (Chrome `commands`): act on the current cue from any tab, or open
// the side panel. One list for the manifest, the worker that answers them and the settings page that
// shows them; the user rebinds them at chrome://extensions/shortcuts.

/** Chrome's own command for the toolbar button, which opens the side panel (setupSidePanel). */
export const OPEN_PANEL_COMMAND = '_execute_action';

export const CUE_COMMANDS = {
  'cue-done': 'done',
  'cue-snooze': 'snooze',
  'cue-dismiss': 'dismiss',
} as const satisfies Record<string, CueAction>;
export type CueCommand = keyof typeof CUE_COMMANDS;

export type ShortcutCommand = CueCommand | typeof OPEN_PANEL_COMMAND;

/**
 * In the order the settings page lists them, with the keys Chrome suggests (the user may change them).
 * Chrome leaves a suggestion unassigned when it clashes with its own keys: Alt+Shift+X, Z and C are
 * refused (tried in Chromium 156), so dismiss is K.
 */
export const SHORTCUTS: readonly { command: ShortcutCommand; suggestedKey: string }[] = [
  { command: 'cue-done', suggestedKey: 'Alt+Shift+D' },
  { command: 'cue-snooze', suggestedKey: 'Alt+Shift+S' },
  { command: 'cue-dismiss', suggestedKey: 'Alt+Shift+K' },
  { command: OPEN_PANEL_COMMAND, suggestedKey: 'Alt+Shift+L' },
];

export const isCueCommand = (command: string): command is CueCommand => Object.hasOwn(CUE_COMMANDS, command);

/** The manifest's `commands`: descriptions are `_locales` messages, so Chrome lists them in the user's language. */
export function manifestCommands(): Record<
  string,
  { suggested_key: { default: string }; description?: string }
> {
  return Object.fromEntries(
    SHORTCUTS.map(({ command, suggestedKey }) => [
      command,
      {
        suggested_key: { default: suggestedKey },
        ...(command === OPEN_PANEL_COMMAND
          ? {}
          : { description: `__MSG_command_${command.replace('-', '_')}__` }),
      },
    ]),
  );
}
