import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type CsvCell, createCsvWriter, UNPARSE_CONFIG } from '../../../../lib/ui/history/csvText';

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

  it('writes exactly what Papa.unparse writes with its config, text quoted and formulas escaped', () => {
    const expected = `${Papa.unparse(tricky, UNPARSE_CONFIG)}\r\n`;
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
          const expected = `${Papa.unparse(rows, UNPARSE_CONFIG)}\r\n`;
          expect(createCsvWriter().rows(rows)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('createCsvWriter keeps every cell from running as a formula in Excel', () => {
  const readBack = (cell: string) => Papa.parse<string[]>(createCsvWriter().rows([[cell]])).data[0]?.[0];

  it.each([
    ['a formula with a line break after it', '=HYPERLINK("http://evil","点我")\n羊绒围巾'],
    ['a formula with a line separator after it', '=1+1\u2028羊绒围巾'],
    ['a formula with a carriage return after it', '+cmd|" /C calc"!A0\r'],
    ['a line break before a formula', '\n=1+1'],
    ['a line separator before a formula', '\u2028@SUM(A1)'],
    ['spaces before a formula', '  =1+1'],
    ['a product name whose second line is a formula', '羊绒围巾\n=HYPERLINK("http://evil")'],
    ['a full-width equals sign', '＝1+1'],
  ])('escapes %s', (_name, cell) => {
    expect(readBack(cell)).toBe(`'${cell}`);
  });

  it('leaves text that cannot start a formula as it is', () => {
    for (const cell of ['羊绒围巾, 灰色', '两行\n标题', '50%-特价', 'a=b', ''])
      expect(readBack(cell)).toBe(cell);
  });

  const formulaChar = fc.constantFrom('=', '+', '-', '@', '＝');
  const spacing = fc.string({ unit: fc.constantFrom(' ', '\n', '\r\n', '\u2028', '\u2029', '\t', '\u3000') });
  const text = fc.string({ unit: fc.constantFrom('a', '羊', '1', ' ', '\n', '\u2028', '"', ',', '(', ')') });

  it('escapes any cell where a formula character starts a line, whatever comes before or after', () => {
    fc.assert(
      fc.property(text, spacing, formulaChar, text, (before, space, sign, after) => {
        const lead = before.length > 0 ? `${before}\n` : '';
        const cell = `${lead}${space}${sign}${after}`;
        expect(readBack(cell)?.startsWith("'")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
