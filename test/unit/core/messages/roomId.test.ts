import { expect, it } from 'vitest';
import { roomIdOf, roomOfId } from '../../../../lib/core/messages/roomId';

it('names a room by its site and key, and splits the name back', () => {
  const id = roomIdOf('douyin', 'room 7');
  expect(id).not.toBe(roomIdOf('douyin', 'room 8'));
  expect(id).not.toBe(roomIdOf('douyi', 'nroom 7'));
  expect(roomOfId(id)).toEqual({ site: 'douyin', roomKey: 'room 7' });
  expect(roomOfId(roomIdOf('kuaishou', ''))).toEqual({ site: 'kuaishou', roomKey: '' });
});
