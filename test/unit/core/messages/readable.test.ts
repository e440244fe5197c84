import { expect, it } from 'vitest';
import { isReadable } from '../../../../lib/core/messages/readable';

it('calls a reading readable when at least one number parsed', () => {
  expect(isReadable({ health: { parsed: ['viewers'] } })).toBe(true);
  expect(isReadable({ health: { parsed: [] } })).toBe(false);
});
