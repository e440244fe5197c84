import type { MetricId } from '../metrics/metricCatalog';
import { metricIdSchema } from '../metrics/metricIdSchema';
import {
  MAX_PRODUCT_HEALTH_ENTRIES,
  MAX_PRODUCT_HEALTH_RAW_CHARS,
  MAX_PRODUCT_ID_CHARS,
  MAX_PRODUCT_NAME_CHARS,
  MAX_PRODUCT_ROWS_PER_SAMPLE,
  PRODUCT_METRIC_IDS,
} from '../products/productContract';
import { z } from '../zodMini';
import { MAX_COMMENT_TEXT_CHARS, MAX_COMMENT_USER_CHARS, MAX_COMMENTS_PER_SAMPLE } from './roomPortConstants';

// A Sample is what the content script reads from a room at one moment (DESIGN.md §1).
// The content script builds plain objects of these types; the background validates them here.

/** zod 4 numbers are finite: NaN and ±Infinity fail as invalid_type. */
const finiteNumber = z.number();

export const productSchema = z.object({
  id: z.optional(z.string().check(z.maxLength(200))),
  name: z.string().check(z.maxLength(500)),
  price: z.optional(finiteNumber.check(z.nonnegative())),
});
export type Product = z.infer<typeof productSchema>;

export const metricFailureSchema = z.object({
  metric: metricIdSchema,
  /** The raw text that failed to parse, clipped; never rendered as HTML. */
  raw: z.string().check(z.maxLength(200)),
  reason: z.string().check(z.maxLength(200)),
});

export const readerHealthSchema = z.object({
  /** Metrics whose element was found and whose text parsed to a number. */
  parsed: z.array(metricIdSchema),
  /** Metrics whose element was found but whose text could not be read (e.g. "--"). */
  failed: z.array(metricFailureSchema),
  /** Metrics the reader looked for and did not find on the page. */
  missing: z.array(metricIdSchema),
  /**
   * Whole seconds for which no number on the page has changed while the reader kept reading it (a dropped
   * feed, a throttled tab); absent while numbers move. The engine tells a frozen page from a quiet room.
   */
  frozenSec: z.optional(z.int().check(z.nonnegative(), z.maximum(7 * 86_400))),
  /** The tab was hidden when read (the page said so), so timers and rendering may be throttled. */
  hidden: z.optional(z.boolean()),
  /**
   * How a parsed metric was found when not beside its own label: `adapter`, the site adapter's knowledge of its
   * headline block; `picked`, the element the operator picked. A metric absent here was read beside its label.
   */
  sources: z.optional(z.partialRecord(metricIdSchema, z.enum(['adapter', 'picked']))),
  /** Comments read but given up since the page loaded (more waited than the page may hold): shown, never silent. */
  commentsDropped: z.optional(z.int().check(z.nonnegative())),
});
export type ReaderHealth = z.infer<typeof readerHealthSchema>;

export const metricValuesSchema = z.partialRecord(metricIdSchema, z.nullable(finiteNumber));
export type MetricValues = Partial<Record<MetricId, number | null>>;

/** One comment as read off the page (lib/core/comments/roomComment.ts): times strictly increase per page. */
export const roomCommentSchema = z.object({
  ts: z.int().check(z.positive()),
  user: z.string().check(z.maxLength(MAX_COMMENT_USER_CHARS)),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_COMMENT_TEXT_CHARS)),
});

// The product list (lib/core/products/productContract.ts): only rows whose values changed ride on a sample.
export const productMetricIdSchema = z.enum(PRODUCT_METRIC_IDS);
const productIdSchema = z.string().check(z.minLength(1), z.maxLength(MAX_PRODUCT_ID_CHARS));
const healthRaw = z.string().check(z.maxLength(MAX_PRODUCT_HEALTH_RAW_CHARS));
const healthCount = z.int().check(z.nonnegative());

export const productRowSchema = z.object({
  id: productIdSchema,
  name: z.optional(z.string().check(z.maxLength(MAX_PRODUCT_NAME_CHARS))),
  price: z.optional(finiteNumber.check(z.nonnegative())),
  metrics: z.partialRecord(productMetricIdSchema, z.nullable(finiteNumber)),
  sources: z.optional(z.partialRecord(productMetricIdSchema, z.enum(['dom', 'json']))),
});

export const productTableHealthSchema = z.object({
  rowsKnown: healthCount,
  domValues: healthCount,
  jsonValues: healthCount,
  unknownShapes: z.optional(z.array(healthRaw).check(z.maxLength(MAX_PRODUCT_HEALTH_ENTRIES))),
  failed: z.optional(
    z
      .array(z.object({ id: productIdSchema, metric: productMetricIdSchema, raw: healthRaw }))
      .check(z.maxLength(MAX_PRODUCT_HEALTH_ENTRIES)),
  ),
});

export const productTableSchema = z.object({
  rows: z.array(productRowSchema).check(z.maxLength(MAX_PRODUCT_ROWS_PER_SAMPLE)),
  pinnedId: z.optional(z.nullable(productIdSchema)),
  health: productTableHealthSchema,
});
export type ProductTable = z.infer<typeof productTableSchema>;

export const sampleSchema = z.object({
  /** Monotonic per content-script instance; the background acknowledges by it. */
  seq: z.int().check(z.nonnegative()),
  /**
   * The content-script instance (random per page load). With `seq` it names the reading and its comments,
   * so the background tells a resend by who sent it, never by what it says (300 viewers' "扣1" are 300).
   */
  page: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** Epoch ms when the page showed these values. */
  ts: z.int().check(z.positive()),
  site: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Stable key of the room on its site (live room id, or the page path when there is none). */
  roomKey: z.string().check(z.minLength(1), z.maxLength(300)),
  title: z.optional(z.string().check(z.maxLength(300))),
  metrics: metricValuesSchema,
  /** Metrics shown as a cap such as `10万+`: the value is a lower bound. */
  capped: z.optional(z.array(metricIdSchema)),
  product: z.optional(z.nullable(productSchema)),
  health: readerHealthSchema,
  /** The room shows its own end-of-live signal (直播结束 / 直播总结 / 已结束). */
  ended: z.optional(z.boolean()),
  /**
   * Comments the reader saw on the room's comment list since the sample before this one: they ride on the
   * sample, so its acknowledgement, resend and refusal cover them, and they are filed in its session.
   */
  comments: z.optional(z.array(roomCommentSchema).check(z.maxLength(MAX_COMMENTS_PER_SAMPLE))),
  /**
   * The product list as read (DOM table and the page's own JSON, reconciled): the rows that changed since
   * the sample before, every known row on the first sample after a connect. Absent when the page shows none.
   */
  products: z.optional(productTableSchema),
});
export type Sample = z.infer<typeof sampleSchema>;
