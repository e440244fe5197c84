// Kept apart from the port's zod schemas so the content script can name the port without carrying zod.
export const ROOM_PORT_NAME = 'livecue-room';
