import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importMessageBytes, jsonStringBytes } from '../../../../lib/ui/sessions/importMessageSize';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('importMessageBytes', () => {
  it('counts the message as Chrome serialises it: escapes and UTF-8', () => {
    const text = '{"name":"羊绒围巾\n灰色","emoji":"🧣","ctl":"\u0001"}';
    expect(importMessageBytes(text)).toBe(utf8(JSON.stringify({ type: 'history.import', json: text })));
  });

  it('equals the UTF-8 length of JSON.stringify on any text, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(jsonStringBytes(text)).toBe(utf8(JSON.stringify(text)));
      }),
      { numRuns: 300 },
    );
  });
});
