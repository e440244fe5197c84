import { builtOnFirstUse } from '../core/builtOnFirstUse';
import { COMMENT_TOPICS } from '../core/comments/commentTopics';
import { ruleSettingsSchema } from '../core/engine/ruleSettings';
import { PRODUCT_EVIDENCE_METRICS, RULE_IDS } from '../core/engine/types';
import { MAX_COMMENT_TEXT_CHARS, MAX_COMMENT_USER_CHARS } from '../core/messages/roomPortConstants';
import { metricValuesSchema, productSchema, readerHealthSchema } from '../core/messages/sample';
import { metricIdSchema } from '../core/metrics/metricIdSchema';
import {
  MAX_PRODUCT_ID_CHARS,
  MAX_PRODUCT_NAME_CHARS,
  PRODUCT_METRIC_IDS,
} from '../core/products/productContract';
import { unknownRuleSettingsKey } from '../core/settings/ruleSettingsKeys';
import { MAX_PLAN_MINUTES } from '../core/settings/settingsSchema';
import { z } from '../core/zodMini';
import type { ProductPinRow, ProductSnapshotRow } from './productRows';
import type { ActionRow, CommentRow, CueRow, SampleRow, SessionRow } from './rows';

// The export file (JSON): complete sessions with their samples, comments, actions and cues, re-importable and
// read by `npm run replay`. Each row schema is typed against lib/store/rows.ts, so a row change that the
// file cannot carry fails to compile here.

export const EXPORT_FORMAT = 'livecue-export';
/**
 * 2: sessions carry their comments. 3: and their product list (snapshots and pin changes). Files of
 * versions 1 (no comments) and 2 (no products) still import and replay.
 */
export const EXPORT_SCHEMA_VERSION = 3;

/** Bounds on what one file may hold: far above a real session (8 h at 10 readings a second), far below harm. */
export const EXPORT_LIMITS = {
  sessions: 10_000,
  samplesPerSession: 1_000_000,
  commentsPerSession: 2_000_000,
  actionsPerSession: 200_000,
  cuesPerSession: 20_000,
  ruleSettingsChars: 64 * 1024,
  /** 30 products changing every second of an 8-hour evening is under 900k. */
  productSnapshotsPerSession: 2_000_000,
  productPinsPerSession: 200_000,
} as const;

export interface ExportedSession {
  session: SessionRow;
  samples: SampleRow[];
  /** Absent in files of schema version 1. */
  comments?: CommentRow[];
  /** Absent in files of schema versions 1 and 2. */
  productSnapshots?: ProductSnapshotRow[];
  productPins?: ProductPinRow[];
  actions: ActionRow[];
  cues: CueRow[];
}

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  schemaVersion: 1 | 2 | typeof EXPORT_SCHEMA_VERSION;
  exportedAt: number;
  sessions: ExportedSession[];
}

/**
 * The export file's schema, with a schema per row. Built on first use (an import, `npm run replay`): the worker
 * loads this module at every start, and a restarted worker's first sample needs none of it.
 */
function buildExportFileSchema(): z.ZodMiniType<ExportFile> {
  const id = z.string().check(z.minLength(1), z.maxLength(400));
  /** zod 4 numbers are finite: NaN and ±Infinity fail as invalid_type. */
  const finite = z.number();
  /** Times the worker computes (deadlines, snoozes) can carry fractions of a millisecond. */
  const epochMs = finite.check(z.nonnegative());
  /** Sample times are whole milliseconds, as the content script sends them (lib/core/messages/sample.ts). */
  const sampleTs = z.int().check(z.nonnegative());

  /**
   * A session's frozen rule settings must build an engine: checked with the rules' own schemas, so a bad
   * file is refused at the field (`…ruleSettings.traffic-drop.dropPct`) instead of failing every refold, and a
   * key no rule knows is refused rather than dropped without a word.
   */
  const ruleSettingsField = z.record(z.string(), z.unknown()).check(
    z.superRefine((value, ctx) => {
      if (JSON.stringify(value).length > EXPORT_LIMITS.ruleSettingsChars) {
        ctx.addIssue({ code: 'custom', message: `larger than ${EXPORT_LIMITS.ruleSettingsChars / 1024} KB` });
        return;
      }
      const unknown = unknownRuleSettingsKey(value);
      if (unknown) {
        ctx.addIssue({ code: 'custom', path: unknown, message: 'unknown field' });
        return;
      }
      const parsed = ruleSettingsSchema().safeParse(value);
      const issue = parsed.success ? undefined : parsed.error.issues[0];
      if (issue) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
    }),
  );

  const sessionRowSchema: z.ZodMiniType<SessionRow> = z.object({
    id,
    site: z.string().check(z.minLength(1), z.maxLength(64)),
    roomKey: z.string().check(z.minLength(1), z.maxLength(300)),
    title: z.string().check(z.maxLength(300)),
    startedAt: epochMs,
    endedAt: z.optional(epochMs),
    endReason: z.optional(z.enum(['room-ended', 'operator', 'silence', 'imported', 'clock-set-back'])),
    lastSampleAt: epochMs,
    clockOffsetMs: z.optional(finite),
    ruleSettings: ruleSettingsField,
    peakViewers: z.nullable(finite),
    gmv: z.nullable(finite),
    cuesFired: z.int().check(z.nonnegative()),
    cuesActed: z.int().check(z.nonnegative()),
    commentCount: z.optional(z.int().check(z.nonnegative())),
  });

  const sampleRowSchema: z.ZodMiniType<SampleRow> = z.object({
    sessionId: id,
    ts: sampleTs,
    metrics: metricValuesSchema,
    capped: z.optional(z.array(metricIdSchema)),
    product: z.optional(z.nullable(productSchema)),
    health: z.optional(readerHealthSchema),
    /** Who sent it (page load and seq), kept so a round trip is exact. */
    src: z.optional(z.string().check(z.maxLength(100))),
  });

  const actionRowSchema: z.ZodMiniType<ActionRow> = z.discriminatedUnion('type', [
    z.object({
      id,
      sessionId: id,
      ts: epochMs,
      type: z.literal('cue'),
      cueId: id,
      action: z.enum(['done', 'snooze', 'dismiss']),
      snoozeSec: z.optional(z.int().check(z.positive())),
    }),
    z.object({
      id,
      sessionId: id,
      ts: epochMs,
      type: z.literal('plan'),
      plan: z
        .array(
          z.object({
            productId: z.optional(z.string().check(z.maxLength(200))),
            name: z.string().check(z.maxLength(200)),
            minutes: finite.check(z.positive(), z.maximum(MAX_PLAN_MINUTES)),
          }),
        )
        .check(z.maxLength(200)),
    }),
    z.object({ id, sessionId: id, ts: epochMs, type: z.literal('tick') }),
  ]);

  const derivedMetric = z.enum(['gpm', 'uvValue']);

  const cueRowSchema: z.ZodMiniType<CueRow> = z.object({
    id,
    key: z.optional(z.string().check(z.maxLength(100))),
    sessionId: id,
    ruleId: z.enum(RULE_IDS),
    firedAt: epochMs,
    severity: z.enum(['info', 'act', 'urgent']),
    title: z.string().check(z.maxLength(200)),
    detail: z.string().check(z.maxLength(200)),
    params: z.record(z.string(), z.union([z.string().check(z.maxLength(1000)), finite])),
    evidence: z.array(
      z.object({
        metric: z.union([
          metricIdSchema,
          derivedMetric,
          z.enum(['productDwellSec', 'sampleAgeSec', 'askers']),
          z.enum(PRODUCT_EVIDENCE_METRICS),
        ]),
        productId: z.optional(z.string().check(z.maxLength(200))),
        from: finite,
        to: finite,
        windowSec: finite,
      }),
    ),
    countdownSec: z.optional(finite),
    expiresAt: epochMs,
    status: z.enum(['active', 'done', 'snoozed', 'dismissed', 'expired']),
    snoozedUntil: z.optional(epochMs),
    actedAt: z.optional(epochMs),
    outcome: z.optional(
      z.object({
        metric: z.union([metricIdSchema, derivedMetric]),
        before: finite,
        after: finite,
        lift: finite,
      }),
    ),
  });

  const commentRowSchema: z.ZodMiniType<CommentRow> = z.object({
    sessionId: id,
    ts: sampleTs,
    user: z.string().check(z.maxLength(MAX_COMMENT_USER_CHARS)),
    text: z.string().check(z.minLength(1), z.maxLength(MAX_COMMENT_TEXT_CHARS)),
    topics: z.array(z.enum(COMMENT_TOPICS)).check(z.maxLength(COMMENT_TOPICS.length)),
    src: z.optional(z.string().check(z.maxLength(100))),
  });

  const productMetricId = z.enum(PRODUCT_METRIC_IDS);
  const productId = z.string().check(z.minLength(1), z.maxLength(MAX_PRODUCT_ID_CHARS));

  const productSnapshotRowSchema: z.ZodMiniType<ProductSnapshotRow> = z.object({
    sessionId: id,
    productId,
    ts: sampleTs,
    name: z.optional(z.string().check(z.maxLength(MAX_PRODUCT_NAME_CHARS))),
    price: z.optional(finite.check(z.nonnegative())),
    metrics: z.partialRecord(productMetricId, z.nullable(finite)),
    sources: z.optional(z.partialRecord(productMetricId, z.enum(['dom', 'json']))),
  });

  const productPinRowSchema: z.ZodMiniType<ProductPinRow> = z.object({
    sessionId: id,
    ts: sampleTs,
    productId: z.nullable(productId),
  });

  /** Every row of an entry must belong to its session: an import never files rows under another one. */
  const exportedSessionSchema: z.ZodMiniType<ExportedSession> = z
    .object({
      session: sessionRowSchema,
      samples: z.array(sampleRowSchema).check(z.maxLength(EXPORT_LIMITS.samplesPerSession)),
      comments: z.optional(z.array(commentRowSchema).check(z.maxLength(EXPORT_LIMITS.commentsPerSession))),
      productSnapshots: z.optional(
        z.array(productSnapshotRowSchema).check(z.maxLength(EXPORT_LIMITS.productSnapshotsPerSession)),
      ),
      productPins: z.optional(
        z.array(productPinRowSchema).check(z.maxLength(EXPORT_LIMITS.productPinsPerSession)),
      ),
      actions: z.array(actionRowSchema).check(z.maxLength(EXPORT_LIMITS.actionsPerSession)),
      cues: z.array(cueRowSchema).check(z.maxLength(EXPORT_LIMITS.cuesPerSession)),
    })
    .check(
      z.superRefine((entry, ctx) => {
        for (const key of [
          'samples',
          'comments',
          'productSnapshots',
          'productPins',
          'actions',
          'cues',
        ] as const) {
          const index = (entry[key] ?? []).findIndex((row) => row.sessionId !== entry.session.id);
          if (index >= 0) {
            ctx.addIssue({
              code: 'custom',
              path: [key, index, 'sessionId'],
              message: `expected the session id ${entry.session.id}`,
            });
            return;
          }
        }
      }),
    );

  return z.object({
    format: z.literal(EXPORT_FORMAT),
    schemaVersion: z.literal([1, 2, EXPORT_SCHEMA_VERSION]),
    exportedAt: epochMs,
    sessions: z.array(exportedSessionSchema).check(z.maxLength(EXPORT_LIMITS.sessions)),
  });
}

export const exportFileSchema = builtOnFirstUse(buildExportFileSchema);

/** `sessions[0].samples[12].ts` from zod's path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** The first problem of a file, as `path: what was expected` (e.g. `sessions[0].samples[12].ts: expected number`). */
export function describeFirstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid file';
  const where = formatIssuePath(issue.path) || '(file)';
  const what =
    issue.code === 'invalid_type'
      ? `expected ${issue.expected}`
      : issue.code === 'invalid_value'
        ? `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`
        : issue.message;
  return `${where}: ${what}`;
}
