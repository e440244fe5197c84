// A room is a site and the room's key on it (DESIGN.md §1): the worker keys its maps of rooms, ports and
// refusals by one string made of both. NUL cannot occur in a site id or a room key, so the pair splits back.

const SEPARATOR = '\u0000';

/** The one string a room is known by in the worker's maps. */
export const roomIdOf = (site: string, roomKey: string): string => `${site}${SEPARATOR}${roomKey}`;

/** The site and room key a room id was made of. */
export function roomOfId(id: string): { site: string; roomKey: string } {
  const at = id.indexOf(SEPARATOR);
  return at < 0 ? { site: id, roomKey: '' } : { site: id.slice(0, at), roomKey: id.slice(at + 1) };
}
