import { describe, expect, it } from 'vitest';
import {
  CUE_COMMANDS,
  isCueCommand,
  manifestCommands,
  OPEN_PANEL_COMMAND,
  SHORTCUTS,
} from '../../../../lib/core/shortcuts/shortcutCommands';

describe('shortcut commands', () => {
  it('gives every cue action and the side panel a shortcut, within Chrome’s four suggestions', () => {
    expect(SHORTCUTS.map((s) => s.command)).toEqual([
      'cue-done',
      'cue-snooze',
      'cue-dismiss',
      OPEN_PANEL_COMMAND,
    ]);
    expect(Object.values(CUE_COMMANDS).sort()).toEqual(['dismiss', 'done', 'snooze']);
    const keys = SHORTCUTS.map((s) => s.suggestedKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^(Ctrl|Alt)\+Shift\+[A-Z]$/);
  });

  it('writes the manifest commands with localised descriptions, none for Chrome’s own action', () => {
    const commands = manifestCommands();
    expect(commands['cue-done']).toEqual({
      suggested_key: { default: 'Alt+Shift+D' },
      description: '__MSG_command_cue_done__',
    });
    expect(commands[OPEN_PANEL_COMMAND]).toEqual({ suggested_key: { default: 'Alt+Shift+L' } });
  });

  it('tells cue commands from anything else Chrome may send', () => {
    expect(isCueCommand('cue-snooze')).toBe(true);
    expect(isCueCommand(OPEN_PANEL_COMMAND)).toBe(false);
    expect(isCueCommand('toString')).toBe(false);
  });
});
