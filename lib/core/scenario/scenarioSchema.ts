import { z } from 'zod';
import { RULE_IDS } from '../engine/types';
import { MAX_COMMENT_TEXT_CHARS, MAX_COMMENT_USER_CHARS } from '../messages/roomPortConstants';
import { METRIC_IDS, METRICS, type MetricId } from '../metrics/metricCatalog';
import { PRODUCT_METRIC_IDS, PRODUCT_METRIC_KIND, type ProductMetricId } from '../products/productContract';
import { DISPLAY_STYLES, type DisplayStyle } from './displayStyles';

// The scenario format of DESIGN.md §3, shared by the mock room and the replay CLI. Browser-safe: no node imports.

// Display styles are defined once, beside the formatter that writes them.
export { DISPLAY_STYLES, type DisplayStyle };

const metricId = z.enum(METRIC_IDS);
const productMetricId = z.enum(PRODUCT_METRIC_IDS);
const ruleId = z.enum(RULE_IDS);
const seconds = z.number().finite().nonnegative();

const pointSchema = z.tuple([seconds, z.number().finite()]);
const spansSchema = z.array(z.tuple([seconds, seconds]));

/**
 * How often the dashboard redraws a number: every N seconds, or a seeded random interval in [min, max]
 * seconds (a page that polls every 3–5 s). Between redraws the page keeps showing the last drawn value.
 */
const refreshSchema = z.union([
  z.number().positive().max(3600),
  z
    .tuple([z.number().positive().max(3600), z.number().positive().max(3600)])
    .refine(([min, max]) => min <= max, 'the first interval must not exceed the second'),
]);

const metricTrackSchema = z.strictObject({
  /** `[secondsFromStart, value]`, linearly interpolated; seconds strictly increasing. */
  points: z.array(pointSchema).min(1),
  /** Each value times a uniform factor in [1 − p/100, 1 + p/100]; on a counter it perturbs the rate. */
  noisePct: z.number().min(0).max(50).optional(),
  /** Stretches `[from, to]` (seconds) where the room shows the metric as unreadable (`--`): null, never 0. */
  unreadable: spansSchema.optional(),
  /** Stretches `[from, to]` where this tile keeps showing the number it showed at `from` (the reader lost it). */
  stuck: spansSchema.optional(),
  /** This metric's own redraw cadence (overrides the scenario's `refreshSec`). */
  refreshSec: refreshSchema.optional(),
});

/**
 * One product of the room's product list (issue 17): its id as the page shows it, and a track per product
 * metric in the shape of the room's metrics (counters never go down). What the page would also show is
 * derived when its track is absent: `gmv` from `sold` × `price`, `ctr` from `clicks` ÷ `impressions`,
 * `conversionRate` from `sold` ÷ `clicks`, and `stock` from `initialStock` − items sold (which then stop
 * at zero stock: a sold-out product sells no more).
 */
const catalogProductSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(500),
  price: z.number().finite().nonnegative().optional(),
  /** Stock at second 0 (or at `listedAt`); the shown stock is this minus the items sold since. */
  initialStock: z.number().int().nonnegative().optional(),
  /** When the product joins the list (上架); absent: from second 0. */
  listedAt: seconds.optional(),
  metrics: z.partialRecord(productMetricId, metricTrackSchema),
});

const planSlotSchema = z.strictObject({
  productId: z.string().max(200).optional(),
  name: z.string().min(1).max(200),
  minutes: z
    .number()
    .positive()
    .max(24 * 60),
});

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    durationSec: z
      .number()
      .int()
      .positive()
      .max(7 * 24 * 3600),
    stepSec: z.number().positive().max(3600).default(1),
    seed: z.number().int().default(1),
    /** ISO date of second 0; the player uses 2026-01-01T00:00:00Z when absent. */
    startAt: z.iso.datetime({ offset: true }).optional(),
    display: z.partialRecord(metricId, z.enum(DISPLAY_STYLES)).optional(),
    metrics: z.partialRecord(metricId, metricTrackSchema),
    /**
     * The pin / explain schedule: the product on screen from `at` on (the one being explained). With a
     * `catalog`, `id` names one of its products (name and price come from there) and `id: null` says that
     * nothing is pinned from `at`; without one, each entry carries its own name.
     */
    products: z
      .array(
        z.strictObject({
          at: seconds,
          id: z.string().max(200).nullable().optional(),
          name: z.string().min(1).max(500).optional(),
          price: z.number().finite().nonnegative().optional(),
        }),
      )
      .optional(),
    /** The room's product list with per-product series (the dashboard's product table). */
    catalog: z.array(catalogProductSchema).max(500).optional(),
    /** How the product table writes each product metric (default: PRODUCT_DISPLAY_STYLES). */
    productDisplay: z.partialRecord(productMetricId, z.enum(DISPLAY_STYLES)).optional(),
    /** How often the product table redraws (one poll for the whole table; default: the page's `refreshSec`). */
    productRefreshSec: refreshSchema.optional(),
    /**
     * The room's comment stream (DESIGN.md §3): the mock room shows each in its comment list at `at`, the
     * replay CLI feeds them to the engine. None is read inside a silence or a freeze (the page is gone or still).
     */
    comments: z
      .array(
        z.strictObject({
          at: seconds,
          user: z.string().max(MAX_COMMENT_USER_CHARS),
          text: z.string().min(1).max(MAX_COMMENT_TEXT_CHARS),
        }),
      )
      .max(500_000)
      .optional(),
    /** A run-of-show set at second 0, as the operator would in settings. */
    plan: z.array(planSlotSchema).max(200).optional(),
    /** Whether the room shows its end-of-live signal when the scenario finishes (default: it does). */
    ended: z.boolean().optional(),
    /** Stretches `[from, to]` with no sample at all (the reader lost the page); time still passes. */
    silences: spansSchema.optional(),
    /**
     * Stretches `[from, to]` where the whole page froze (a dropped feed, a throttled tab): every number and
     * the product keep what they showed at `from` while the reader keeps reading them.
     */
    freezes: spansSchema.optional(),
    /** How often the dashboard redraws every number, one poll for all tiles (default: every step). */
    refreshSec: refreshSchema.optional(),
    expect: z
      .array(z.strictObject({ rule: ruleId, from: seconds, within: z.number().positive() }))
      .optional(),
    quiet: z.array(z.strictObject({ rule: ruleId, from: seconds, to: seconds })).optional(),
  })
  .superRefine((scenario, ctx) => {
    const checkTrack = (
      track: z.infer<typeof metricTrackSchema>,
      counter: boolean,
      metric: string,
      path: (string | number)[],
    ) => {
      for (let i = 1; i < track.points.length; i++) {
        const [sec, value] = track.points[i]!;
        const [prevSec, prevValue] = track.points[i - 1]!;
        if (sec <= prevSec) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'points', i, 0],
            message: `seconds must increase (${prevSec} then ${sec})`,
          });
        }
        if (counter && value < prevValue) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'points', i, 1],
            message: `${metric} is a counter and cannot go down (${prevValue} then ${value})`,
          });
        }
      }
    };
    for (const [metric, track] of Object.entries(scenario.metrics)) {
      if (!track) continue;
      checkTrack(track, METRICS[metric as MetricId].kind === 'counter', metric, ['metrics', metric]);
    }
    const checkSpans = (
      spans: readonly (readonly [number, number])[] | undefined,
      path: (string | number)[],
    ) =>
      spans?.forEach(([from, to], i) => {
        if (to < from)
          ctx.addIssue({ code: 'custom', path: [...path, i, 1], message: '`to` is before `from`' });
      });
    checkSpans(scenario.silences, ['silences']);
    checkSpans(scenario.freezes, ['freezes']);
    for (const [metric, track] of Object.entries(scenario.metrics)) {
      checkSpans(track?.unreadable, ['metrics', metric, 'unreadable']);
      checkSpans(track?.stuck, ['metrics', metric, 'stuck']);
    }
    scenario.quiet?.forEach((span, i) => {
      if (span.to < span.from) {
        ctx.addIssue({ code: 'custom', path: ['quiet', i, 'to'], message: '`to` is before `from`' });
      }
    });
    scenario.comments?.forEach((comment, i) => {
      if (comment.at > scenario.durationSec) {
        ctx.addIssue({
          code: 'custom',
          path: ['comments', i, 'at'],
          message: 'after the end of the scenario',
        });
      }
      const prev = scenario.comments?.[i - 1];
      if (prev && comment.at < prev.at) {
        ctx.addIssue({
          code: 'custom',
          path: ['comments', i, 'at'],
          message: 'comments must be in time order',
        });
      }
    });
    const catalogIds = new Set<string>();
    scenario.catalog?.forEach((product, p) => {
      if (catalogIds.has(product.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['catalog', p, 'id'],
          message: `duplicate product id ${product.id}`,
        });
      }
      catalogIds.add(product.id);
      for (const [metric, track] of Object.entries(product.metrics)) {
        if (!track) continue;
        const path = ['catalog', p, 'metrics', metric];
        checkTrack(track, PRODUCT_METRIC_KIND[metric as ProductMetricId] === 'counter', metric, path);
        checkSpans(track.unreadable, [...path, 'unreadable']);
        checkSpans(track.stuck, [...path, 'stuck']);
      }
    });
    scenario.products?.forEach((product, i) => {
      const prev = scenario.products?.[i - 1];
      if (prev && product.at < prev.at) {
        ctx.addIssue({
          code: 'custom',
          path: ['products', i, 'at'],
          message: 'products must be in time order',
        });
      }
      if (product.id === null) {
        if (product.name !== undefined || product.price !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['products', i, 'id'],
            message: 'an entry that unpins (id: null) names no product',
          });
        }
      } else if (scenario.catalog) {
        if (product.id === undefined || !catalogIds.has(product.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['products', i, 'id'],
            message: `names no product of the catalog (${product.id ?? 'no id'})`,
          });
        }
      } else if (product.name === undefined) {
        ctx.addIssue({ code: 'custom', path: ['products', i, 'name'], message: 'a product needs a name' });
      }
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioCatalogProduct = z.infer<typeof catalogProductSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

export type ParsedScenario = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Validates a scenario; the error names the first bad field by its path, e.g. `metrics.gmv.points.3.1: …`. */
export function parseScenario(json: unknown): ParsedScenario {
  const result = scenarioSchema.safeParse(json);
  if (result.success) return { ok: true, scenario: result.data };
  const issue = result.error.issues[0]!;
  // An unknown key (a typo such as `whithin`) is named in the path itself, where the author will look.
  const path = [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])]
    .map(String)
    .join('.');
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  return { ok: false, error: `${path || '(root)'}: ${message}` };
}
