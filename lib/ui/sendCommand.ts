import type { CommandInput, CommandResult } from '../core/messages/commands';

/** How pages send commands; a test hands in a recorder instead of the real sender. */
export type SendCommand = (command: CommandInput) => Promise<CommandResult>;

/** Sends a command to the background (the only writer) and turns a dead or silent worker into an error. */
export const sendCommand: SendCommand = async (command) => {
  try {
    const result = (await browser.runtime.sendMessage(command)) as CommandResult | undefined;
    return result ?? { ok: false, error: 'No answer from the background worker' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};
