import type {
  CommandAnswers,
  CommandInput,
  CommandResult,
  CommandType,
} from '../../../lib/core/messages/commands';
import { defaultSettings } from '../../../lib/core/settings/settingsSchema';
import type { SendCommand } from '../../../lib/ui/sendCommand';

// A SendCommand for page tests: it records each command and answers as the background would by default
// (or with the test's own answer), typed by the command map like the real sender.

const zero = { sessions: 0, samples: 0, comments: 0, actions: 0, cues: 0 };

/** The background's usual answer to a command that succeeds. */
export function defaultAnswer<T extends CommandType>(command: CommandInput & { type: T }): CommandAnswers[T] {
  const answers: { [K in CommandType]: (c: Extract<CommandInput, { type: K }>) => CommandAnswers[K] } = {
    'cue.done': () => ({ cue: null, saved: true }),
    'cue.snooze': () => ({ cue: null, saved: true }),
    'cue.dismiss': () => ({ cue: null, saved: true }),
    'session.end': (c) => ({ sessionId: c.sessionId, endedAt: 0, saved: true }),
    'settings.update': () => defaultSettings(),
    'settings.reset': () => defaultSettings(),
    'history.import': () => ({ added: zero, alreadyHere: zero, closed: 0, sessionIds: [] }),
    'history.delete': (c) => ({ deleted: c.sessionIds.length }),
    'picker.start': (c) => ({ tabId: c.tabId }),
    'overlay.toggle': (c) => ({ enabled: c.enabled }),
    'site.enable': (c) => ({
      sites: [{ origin: c.origin, registered: true }],
      started: c.tabId !== undefined,
    }),
    'site.remove': () => ({ sites: [] }),
    'site.list': () => ({ sites: [] }),
    'status.get': () => ({
      write: { state: 'ok' },
      pendingWrites: 0,
      liveSessions: 0,
      unreadRooms: [],
      rooms: [],
    }),
  };
  return (answers[command.type] as unknown as (c: typeof command) => CommandAnswers[T])(command);
}

export function recordingSender(
  record: (command: CommandInput) => void,
  answer: (command: CommandInput) => CommandResult | undefined = () => undefined,
): SendCommand {
  return (async (command: CommandInput) => {
    record(command);
    return answer(command) ?? { ok: true, data: defaultAnswer(command) };
  }) as SendCommand;
}
