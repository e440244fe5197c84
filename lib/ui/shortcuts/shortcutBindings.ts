import { SHORTCUTS, type ShortcutCommand } from '../../core/shortcuts/shortcutCommands';

// The keys Chrome has bound to the extension's shortcuts right now (the user may have changed or cleared
// them), for the settings page and the panel's hint. Pages pass the real API; tests pass a list.

export interface BoundCommand {
  name?: string;
  shortcut?: string;
}

/** command → the keys bound to it, '' when the user cleared it. */
export type ShortcutBindings = Record<ShortcutCommand, string>;

export function bindingsFrom(commands: readonly BoundCommand[]): ShortcutBindings {
  const bound = new Map(commands.map((command) => [command.name, command.shortcut ?? '']));
  return Object.fromEntries(
    SHORTCUTS.map(({ command }) => [command, bound.get(command) ?? '']),
  ) as ShortcutBindings;
}

export type ReadCommands = () => Promise<BoundCommand[]>;

export const readChromeCommands: ReadCommands = () => browser.commands.getAll();

/** Chrome's page for rebinding extension shortcuts; extension pages cannot link to it, so it opens as a tab. */
export const SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

export function openShortcutsPage(): void {
  void browser.tabs.create({ url: SHORTCUTS_PAGE });
}
