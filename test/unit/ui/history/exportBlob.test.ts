import { describe, expect, it } from 'vitest';
import { createExportFile } from '../../../../lib/ui/history/exportBlob';

describe('createExportFile', () => {
  it('gives back the text added, in order, across the Blobs it makes', async () => {
    const file = createExportFile('text/csv;charset=utf-8', 10);
    const pieces = ['\uFEFFa,b\r\n', '1,羊绒\r\n', '', '2,"x"\r\n', 'a long piece past the limit\r\n', '3'];
    for (const piece of pieces) file.add(piece);
    expect(file.length).toBe(pieces.join('').length);
    const blob = file.blob();
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer())).toBe(
      pieces.join(''),
    );
  });

  it('makes an empty file when nothing was added', async () => {
    const blob = createExportFile('application/json').blob();
    expect(blob.size).toBe(0);
    expect(await blob.text()).toBe('');
  });
});
