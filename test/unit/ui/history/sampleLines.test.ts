import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../../lib/core/metrics/metricCatalog';
import type { SessionRow } from '../../../../lib/store/rows';
import { createCsvWriter, UNPARSE_CONFIG } from '../../../../lib/ui/history/csvText';
import { createSampleLines, localTime, SAMPLE_FIELDS } from '../../../../lib/ui/history/exportCsv';
import { COUNTER_IDS, type SampleTableRow } from '../../../../lib/ui/history/sampleTable';
import { T0 } from '../../historyFixtures';

// The samples file's lines are written by hand for speed; they must be what papaparse writes for the
// same cells, in SAMPLE_FIELDS order, with every page text (room title, product name) formula-safe.

const pageText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '羊绒围巾 灰色',
    '=HYPERLINK("http://evil","点我")',
    '+1',
    '@x',
    '-5',
    'a,b',
    'say "hi"',
    'x\ny',
    '',
  ),
);
const value = fc.option(fc.oneof(fc.integer(), fc.double({ noNaN: true })), { nil: undefined });
const product = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.record(
    { id: pageText, name: pageText, price: fc.double({ noNaN: true, min: 0, max: 1e6 }) },
    { requiredKeys: ['name'] },
  ),
);
const tableRow = (ts: number, products: fc.Arbitrary<SampleTableRow['product']>) =>
  fc.record({
    ts: fc.constant(ts),
    samples: fc.integer({ min: 1, max: 5 }),
    values: fc.tuple(...METRIC_IDS.map(() => value)),
    capped: fc.subarray([...METRIC_IDS]),
    product: products,
    gpm: value,
    uvValue: value,
    aov: value,
    perMinute: fc.tuple(...COUNTER_IDS.map(() => value)),
  }) as fc.Arbitrary<SampleTableRow>;

/** The cells of a samples row, as the file's header names them. */
const cellsOf = (session: SessionRow, row: SampleTableRow) => [
  session.id,
  session.title,
  session.site,
  localTime(row.ts),
  row.ts,
  row.samples,
  ...row.values,
  row.capped.join(' '),
  row.product?.id,
  row.product?.name,
  row.product?.price,
  row.gpm,
  row.uvValue,
  row.aov,
  ...row.perMinute,
];

const sessionWith = (title: string): SessionRow => ({
  id: 'douyin:r1:1000',
  site: 'douyin',
  roomKey: 'r1',
  title,
  startedAt: T0,
  lastSampleAt: T0,
  ruleSettings: {},
  peakViewers: null,
  gmv: null,
  cuesFired: 0,
  cuesActed: 0,
});

describe('createSampleLines', () => {
  it('writes what papaparse writes for the same cells, formula-safe', () => {
    fc.assert(
      fc.property(
        pageText,
        product.chain((shared) =>
          // Rows of a run share one product object (as unpacked blocks hand them over), others have their own.
          fc.array(
            fc
              .integer({ min: 0, max: 600 })
              .chain((s) => tableRow(T0 + s * 1000, fc.oneof(fc.constant(shared), product))),
            { maxLength: 12 },
          ),
        ),
        (title, rows) => {
          const session = sessionWith(title);
          const lines = createSampleLines(createCsvWriter(), session);
          const expected = rows
            .map((row) => `${Papa.unparse([cellsOf(session, row)], UNPARSE_CONFIG)}\r\n`)
            .join('');
          expect(lines(rows)).toBe(expected);
          const parsed = Papa.parse<string[]>(lines(rows), {
            delimiter: ',',
            newline: '\r\n',
            skipEmptyLines: true,
          });
          expect(parsed.data).toHaveLength(rows.length);
          for (const cells of parsed.data) expect(cells).toHaveLength(SAMPLE_FIELDS.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
