import { z } from 'zod';
import { METRIC_IDS, type MetricId } from '../metrics/metricCatalog';

// A Sample is what the content script reads from a room at one moment (DESIGN.md §1).
// The content script builds plain objects of these types; the background validates them here.

export const metricIdSchema = z.enum(METRIC_IDS);

const finiteNumber = z.number().finite();

export const productSchema = z.object({
  id: z.string().max(200).optional(),
  name: z.string().max(500),
  price: finiteNumber.nonnegative().optional(),
});
export type Product = z.infer<typeof productSchema>;

export const metricFailureSchema = z.object({
  metric: metricIdSchema,
  /** The raw text that failed to parse, clipped; never rendered as HTML. */
  raw: z.string().max(200),
  reason: z.string().max(200),
});

export const readerHealthSchema = z.object({
  /** Metrics whose element was found and whose text parsed to a number. */
  parsed: z.array(metricIdSchema),
  /** Metrics whose element was found but whose text could not be read (e.g. "--"). */
  failed: z.array(metricFailureSchema),
  /** Metrics the reader looked for and did not find on the page. */
  missing: z.array(metricIdSchema),
});
export type ReaderHealth = z.infer<typeof readerHealthSchema>;

export const metricValuesSchema = z.partialRecord(metricIdSchema, finiteNumber.nullable());
export type MetricValues = Partial<Record<MetricId, number | null>>;

export const sampleSchema = z.object({
  /** Monotonic per content-script instance; the background acknowledges by it. */
  seq: z.number().int().nonnegative(),
  /** Epoch ms when the page showed these values. */
  ts: z.number().int().positive(),
  site: z.string().min(1).max(64),
  /** Stable key of the room on its site (live room id, or the page path when there is none). */
  roomKey: z.string().min(1).max(300),
  title: z.string().max(300).optional(),
  metrics: metricValuesSchema,
  /** Metrics shown as a cap such as `10万+`: the value is a lower bound. */
  capped: z.array(metricIdSchema).optional(),
  product: productSchema.nullable().optional(),
  health: readerHealthSchema,
  /** The room shows its own end-of-live signal (直播结束 / 直播总结 / 已结束). */
  ended: z.boolean().optional(),
});
export type Sample = z.infer<typeof sampleSchema>;
