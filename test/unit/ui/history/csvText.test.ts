import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type CsvCell, createCsvWriter } from '../../../../lib/ui/history/csvText';

describe('createCsvWriter', () => {
  const tricky: CsvCell[][] = [
    ['session_id', 'room', 'viewers', 'gmv'],
    ['douyin:r1:1', '羊绒围巾, 灰色 "经典款"', 1200, 3456.78],
    ['douyin:r1:1', '=HYPERLINK("http://evil")', -5, 1e21],
    ['douyin:r1:1', '+1 加购', 0, null],
    ['douyin:r1:1', '@everyone', undefined, 0.1 + 0.2],
    ['douyin:r1:1', ' 前后空格 ', Number.NaN, 12],
    ['douyin:r1:1', '两行\n标题', 3, 4],
    ['douyin:r1:1', '-50%特价', 3, 4],
    ['douyin:r1:1', '', 3, 4],
    ['douyin:r1:1', '\tTab', 3, 4],
    ['douyin:r1:1', '羊绒围巾, 灰色 "经典款"', 1300, 3500],
  ];

  it('writes exactly what Papa.unparse writes, text quoted and formulas escaped', () => {
    const expected = `${Papa.unparse(tricky, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
    const writer = createCsvWriter();
    expect(writer.rows(tricky.slice(0, 5)) + writer.rows(tricky.slice(5))).toBe(expected);
  });

  it('reads back through papaparse to the same text', () => {
    const text = createCsvWriter().rows(tricky);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.data[1]).toEqual(['douyin:r1:1', '羊绒围巾, 灰色 "经典款"', '1200', '3456.78']);
    expect(parsed.data[2]?.[1]).toBe(`'=HYPERLINK("http://evil")`);
    expect(parsed.data[6]?.[1]).toBe('两行\n标题');
  });
});

describe('createCsvWriter on arbitrary text', () => {
  const cell = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        '0',
        ' ',
        '-',
        ':',
        '.',
        '/',
        '_',
        ',',
        '"',
        '\n',
        '\r',
        '=',
        '+',
        '@',
        '\t',
        '羊',
        '\uFEFF',
      ),
    }),
    fc.double(),
    fc.integer(),
    fc.constant(null),
  );

  it('writes every row exactly as Papa.unparse does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const expected = `${Papa.unparse(rows, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
          expect(createCsvWriter().rows(rows)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
