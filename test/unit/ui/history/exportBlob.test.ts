import { describe, expect, it } from 'vitest';
import { createExportFile } from '../../../../lib/ui/history/exportBlob';

const utf8 = (text: string) => new TextEncoder().encode(text);
const textOf = async (blob: Blob) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());

describe('createExportFile', () => {
  it('gives back the text added, in order, across the Blobs it makes', async () => {
    const file = createExportFile('text/csv;charset=utf-8', 10);
    const pieces = ['\uFEFFa,b\r\n', '1,羊绒\r\n', '', '2,"x"\r\n', 'a long piece past the limit\r\n', '3'];
    for (const piece of pieces) file.add(piece);
    expect(file.size).toBe(utf8(pieces.join('')).length);
    const blob = file.blob();
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await textOf(blob)).toBe(pieces.join(''));
  });

  it('never splits a character between two parts, whatever the limit', async () => {
    // 4-byte (surrogate pair), 3-byte and 2-byte characters, and a lone surrogate (written as U+FFFD).
    const text = 'a😀羊é😀😀b\uD800c'.repeat(7);
    for (const limit of [1, 4, 5, 6, 7, 11, 64]) {
      const file = createExportFile('application/json', limit);
      const characters = Array.from(text);
      for (let i = 0; i < characters.length; i += 5) file.add(characters.slice(i, i + 5).join(''));
      const bytes = new Uint8Array(await file.blob().arrayBuffer());
      expect(bytes).toEqual(utf8(text.replaceAll('\uD800', '\uFFFD')));
    }
  });

  it('grows its buffer past its first size and keeps every byte', async () => {
    const file = createExportFile('application/json', 300_000);
    const line = `${'羊绒围巾 灰色,'.repeat(20)}😀`;
    for (let i = 0; i < 2000; i++) file.addLine(`${i},${line}`);
    const expected = Array.from({ length: 2000 }, (_, i) => `${i},${line}\r\n`).join('');
    expect(file.size).toBe(utf8(expected).length);
    expect(await textOf(file.blob())).toBe(expected);
  });

  it('ends a line with CR LF', async () => {
    const file = createExportFile('text/csv;charset=utf-8', 6);
    for (const line of ['a,b', '羊绒', '', 'x,"y"']) file.addLine(line);
    expect(await textOf(file.blob())).toBe('a,b\r\n羊绒\r\n\r\nx,"y"\r\n');
  });

  it('makes an empty file when nothing was added', async () => {
    const blob = createExportFile('application/json').blob();
    expect(blob.size).toBe(0);
    expect(await blob.text()).toBe('');
  });
});
