// Kept apart from the port's zod schemas so the content script can use them without carrying zod.
export const ROOM_PORT_NAME = 'livecue-room';

/** The most samples one port message may carry; a long resend goes in several messages. */
export const MAX_SAMPLES_PER_MESSAGE = 1000;

/** The most comments one sample carries (those read since the sample before it), and their sizes. */
export const MAX_COMMENTS_PER_SAMPLE = 200;
export const MAX_COMMENT_USER_CHARS = 64;
export const MAX_COMMENT_TEXT_CHARS = 500;

/**
 * Why the background refused a sample (DESIGN.md §5: stored or refused with a reason, never dropped):
 * - `before-session`: dated before the room's open session began (the page's clock is behind it);
 * - `between-sessions`: dated between two of the room's sessions, after one ended and before the next;
 * - `room-ended`: the room shows its end of live and no session is open to end;
 * - `unread`: no number could be read, and no session it plainly continues;
 * - `duplicate-tab`: another tab of the same room feeds its session;
 * - `invalid`: the sample breaks the contract (a field too long, a time that is no whole millisecond).
 */
export const SAMPLE_REFUSALS = [
  'before-session',
  'between-sessions',
  'room-ended',
  'unread',
  'duplicate-tab',
  'invalid',
] as const;
export type SampleRefusal = (typeof SAMPLE_REFUSALS)[number];
