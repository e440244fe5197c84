import type { ReaderHealth } from './sample';

// A reading is readable when the reader parsed at least one number on the page: only then does it say
// anything about the room (a page with every number missing or "--" is a reader problem, not a quiet room).

/** Whether a reading parsed at least one of the room's numbers. */
export const isReadable = (reading: { health: Pick<ReaderHealth, 'parsed'> }): boolean =>
  reading.health.parsed.length > 0;
