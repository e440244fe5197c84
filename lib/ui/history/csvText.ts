import Papa from 'papaparse';

// CSV text for the exports. Text cells are quoted by papaparse's unparse (with formula escaping: room
// titles and product names are page text), memoised because the same title, room and product repeat on
// thousands of rows. Two kinds of cell skip the call because papaparse leaves them as they are: numbers
// (it writes String(n)) and plain ASCII words such as times and ids (no delimiter, quote, line break,
// edge space or formula sign). The output is byte-identical to Papa.unparse with UNPARSE_CONFIG (a
// property test checks it on arbitrary text) at a fraction of the cost on a 500k-row export.

export type CsvCell = string | number | null | undefined;

/**
 * A cell Excel (or a reader that splits lines) could run as a formula: one that starts with a tab or a
 * carriage return, or where a formula sign (= + - @, or their full-width forms) starts the cell or any of
 * its lines after blanks. papaparse's own test (/^[=+\-@\t\r].*$/) misses a formula followed by a line
 * break or a U+2028, and one after a leading line break. Such a cell is written with a leading quote.
 */
export const FORMULA_CELL = /^[\t\r]|(?:^|[\r\n\u2028\u2029])\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

export const UNPARSE_CONFIG = { escapeFormulae: FORMULA_CELL, newline: '\r\n' } as const;
const CACHE_LIMIT = 20_000;
/** Text papaparse writes unchanged: it neither quotes nor formula-escapes any of these characters here. */
const PLAIN = /^[0-9A-Za-z_.:/](?:[0-9A-Za-z_.:/ -]*[0-9A-Za-z_.:/-])?$/;

export interface CsvWriter {
  /** One cell as CSV text (quoted and formula-escaped as needed), for lines built by hand. */
  cell(value: CsvCell): string;
  /** One row as a CSV line, without its CRLF (for files written line by line, exportBlob.ts). */
  line(cells: readonly CsvCell[]): string;
  /** Rows as CSV lines, each ending with CRLF. */
  rows(rows: readonly (readonly CsvCell[])[]): string;
}

export function createCsvWriter(): CsvWriter {
  const quoted = new Map<string, string>();
  const cell = (value: CsvCell): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value);
    if (value === '' || PLAIN.test(value)) return value;
    let text = quoted.get(value);
    if (text === undefined) {
      text = Papa.unparse([[value]], UNPARSE_CONFIG);
      if (quoted.size >= CACHE_LIMIT) quoted.clear();
      quoted.set(value, text);
    }
    return text;
  };
  // Array joins build flat strings; `+=` would build rope strings that cost more to flatten later.
  const line = (row: readonly CsvCell[]) => {
    const cells = new Array<string>(row.length);
    for (let i = 0; i < row.length; i++) cells[i] = cell(row[i]);
    return cells.join(',');
  };
  return {
    cell,
    line,
    rows(rows) {
      if (rows.length === 0) return '';
      return `${rows.map(line).join('\r\n')}\r\n`;
    },
  };
}
