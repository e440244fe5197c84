// Kept apart from the port's zod schemas so the content script can use them without carrying zod.
export const ROOM_PORT_NAME = 'livecue-room';

/** The most samples one port message may carry; a long resend goes in several messages. */
export const MAX_SAMPLES_PER_MESSAGE = 1000;
