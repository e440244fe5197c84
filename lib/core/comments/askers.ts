import { commenterKey } from './commentActivity';

// Who asked a question, counted one way everywhere: by the engine's QuestionTracker, which fires a
// `questions` cue, and by the side panel's open questions, which grow that cue's count as asks arrive.
// A viewer counts once however often they ask; a row without a name counts by its words (so a nameless
// viewer repeating one question is one asker); names match trimmed and case-blind. A window that opens at
// t holds the asks after t: an ask exactly at its opening has left it.

/** The identity an ask is counted under. */
export const askerKey = (ask: { user: string; text: string }): string => commenterKey(ask.user, ask.text);

/** Whether an ask at `ts` falls in a window that opened at `opensAt`. */
export const askedSince = (ts: number, opensAt: number): boolean => ts > opensAt;

/** Most askers first; at equal count, the newest ask first. */
export const byMostAskers = (a: { askers: number; lastAt: number }, b: { askers: number; lastAt: number }) =>
  b.askers - a.askers || b.lastAt - a.lastAt;
