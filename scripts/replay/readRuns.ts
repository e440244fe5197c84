import type { EngineEvent } from '../../lib/core/engine/types';
import { scenarioEvents } from '../../lib/core/scenario/scenarioEvents';
import { parseScenario, type Scenario } from '../../lib/core/scenario/scenarioSchema';
import { describeFirstIssue, EXPORT_FORMAT, exportFileSchema } from '../../lib/store/exportSchema';
import { productsEvents } from '../../lib/store/productEvents';
import { sessionEvents } from '../../lib/worker/session/sessionEvents';

// Reads one replay input — a scenario or an exported history file — into runs the engine can fold.

export interface ReplayRun {
  /** File name, with the session id for exports. */
  name: string;
  sessionId: string;
  startedAt: number;
  durationSec: number;
  events: EngineEvent[];
  /** Rule settings to replay with (an export's own; undefined: defaults). */
  ruleSettings?: unknown;
  expect: NonNullable<Scenario['expect']>;
  quiet: NonNullable<Scenario['quiet']>;
}

export type ReadRuns = { ok: true; runs: ReplayRun[] } | { ok: false; error: string };

const isExport = (json: unknown): boolean =>
  typeof json === 'object' && json !== null && (json as { format?: unknown }).format === EXPORT_FORMAT;

export function readRuns(json: unknown, name: string): ReadRuns {
  if (isExport(json)) {
    const parsed = exportFileSchema().safeParse(json);
    if (!parsed.success) return { ok: false, error: `${name}: ${describeFirstIssue(parsed.error)}` };
    return {
      ok: true,
      runs: parsed.data.sessions.map(
        ({ session, samples, actions, comments, productSnapshots, productPins }) => {
          const lastTs = samples.reduce((max, sample) => Math.max(max, sample.ts), session.startedAt);
          return {
            name: `${name}#${session.id}`,
            sessionId: session.id,
            startedAt: session.startedAt,
            durationSec: (lastTs - session.startedAt) / 1000,
            events: sessionEvents(
              samples,
              actions,
              comments ?? [],
              productsEvents(productSnapshots ?? [], productPins ?? []),
            ),
            ruleSettings: session.ruleSettings,
            expect: [],
            quiet: [],
          };
        },
      ),
    };
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) return { ok: false, error: `${name}: ${parsed.error}` };
  const scenario = parsed.scenario;
  const { startedAt, events } = scenarioEvents(scenario);
  return {
    ok: true,
    runs: [
      {
        name,
        sessionId: `scenario:${scenario.name}`,
        startedAt,
        durationSec: scenario.durationSec,
        events,
        expect: scenario.expect ?? [],
        quiet: scenario.quiet ?? [],
      },
    ],
  };
}
