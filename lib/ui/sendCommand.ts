import type { CommandInput, CommandResult } from '../core/messages/commands';

/** How pages send commands, answered with the type the command declares; a test hands in a recorder. */
export type SendCommand = <C extends CommandInput>(command: C) => Promise<CommandResult<C['type']>>;

/** Sends a command to the background (the only writer) and turns a dead or silent worker into an error. */
export const sendCommand: SendCommand = async <C extends CommandInput>(command: C) => {
  try {
    const result = (await browser.runtime.sendMessage(command)) as CommandResult<C['type']> | undefined;
    return result ?? { ok: false, error: 'No answer from the background worker' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};
