import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../lib/core/engine/createEngine';
import type { Cue } from '../../../../lib/core/engine/types';
import { RULE_IDS } from '../../../../lib/core/engine/types';
import { renderCueText } from '../../../../lib/core/format/renderCue';
import { createScenarioPlayer } from '../../../../lib/core/scenario/scenarioPlayer';
import { scenarioSchema } from '../../../../lib/core/scenario/scenarioSchema';
import type { ActionRow, SampleRow, SessionRow } from '../../../../lib/store/rows';
import { cueLine } from '../../../../scripts/replay/cueLines';
import { cusumFloor } from '../../../../scripts/replay/cusumFloor';
import { detectionTable, formatDetectionTable, gradeRun, median } from '../../../../scripts/replay/gradeRuns';
import { readRuns } from '../../../../scripts/replay/readRuns';
import { replayRun } from '../../../../scripts/replay/replayRun';

const DIR = join(import.meta.dirname, '../../../scenarios');
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.json'));
const load = (name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as unknown;

describe('the scenario library', () => {
  it('covers every rule with an expectation, and has steady hours quiet on drop, surge and stall', () => {
    const scenarios = FILES.map((name) => scenarioSchema.parse(load(name)));
    const expected = new Set(scenarios.flatMap((s) => (s.expect ?? []).map((e) => e.rule)));
    // Every rule the engine has: a new rule needs a labelled scenario that expects it.
    expect([...expected].sort()).toEqual([...RULE_IDS].sort());
    const steadyHours = scenarios
      .filter((s) =>
        ['traffic-drop', 'traffic-surge', 'sales-stall'].every((rule) =>
          s.quiet?.some((q) => q.rule === rule && q.from === 0 && q.to >= s.durationSec),
        ),
      )
      .reduce((hours, s) => hours + s.durationSec / 3600, 0);
    expect(steadyHours).toBeGreaterThanOrEqual(3);
    const thin = scenarioSchema.parse(load('thin-drop.json'));
    expect(thin.durationSec).toBe(180);
    expect(scenarioSchema.parse(load('demo.json')).durationSec).toBe(600);
  });

  // One replay per scenario serves both checks: the library is some ninety hours, replayed once.
  it.each(FILES)(
    '%s passes --check (every expectation met, no cue in a quiet span), and renders every cue with all placeholders filled, in both languages',
    (name) => {
      const read = readRuns(load(name), name);
      if (!read.ok) throw new Error(read.error);
      for (const run of read.runs) {
        const cues = replayRun(run);
        expect(gradeRun(run, cues).problems).toEqual([]);
        for (const cue of cues) {
          for (const locale of ['zh-CN', 'en'] as const) {
            const { title, detail } = renderCueText(cue, locale);
            expect(title, `${name} ${cue.title}`).not.toMatch(/[{}]|^cue\./);
            expect(detail, `${name} ${cue.detail}`).not.toMatch(/[{}]|^cue\./);
          }
        }
      }
    },
  );
});

describe('grading', () => {
  const run = {
    name: 'r',
    sessionId: 's',
    startedAt: 0,
    durationSec: 7200,
    events: [],
    expect: [
      { rule: 'traffic-drop' as const, from: 100, within: 20 },
      { rule: 'traffic-drop' as const, from: 1000, within: 20 },
    ],
    quiet: [{ rule: 'traffic-surge' as const, from: 0, to: 7200 }],
  };
  const cue = (ruleId: Cue['ruleId'], at: number) => ({ ruleId, firedAt: at * 1000 }) as Cue;

  it('counts detections with their delay, misses and false cues', () => {
    const grade = gradeRun(run, [
      cue('traffic-drop', 108),
      cue('traffic-surge', 50),
      cue('traffic-drop', 1500),
    ]);
    expect(grade.rules).toEqual([
      { rule: 'traffic-drop', expected: 2, detections: 1, misses: 1, falseCues: 0, delays: [8] },
      { rule: 'traffic-surge', expected: 0, detections: 0, misses: 0, falseCues: 1, delays: [] },
    ]);
    expect(grade.problems).toHaveLength(2);
    const table = detectionTable([grade]);
    expect(table.find((row) => row.rule === 'traffic-surge')!.falsePerHour).toBe(0.5);
    expect(table.find((row) => row.rule === 'traffic-drop')!.medianDelaySec).toBe(8);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe('the CUSUM floor', () => {
  it('tunes a textbook CUSUM to the least threshold with no false alarm and reports its delay', () => {
    const runs = ['thin-drop.json', 'evening-drop.json', 'steady-4h.json', 'slow-slide.json'].map((name) => {
      const read = readRuns(load(name), name);
      if (!read.ok) throw new Error(read.error);
      return read.runs[0]!;
    });
    const floor = cusumFloor(runs, 'traffic-drop');
    expect(floor.misses).toBe(0);
    expect(floor.delays).toHaveLength(2);
    expect(floor.medianDelaySec).toBeLessThanOrEqual(3);
    expect(floor.h).toBeGreaterThan(0);
  });

  it('is quoted beside the engine as delay / floor', () => {
    const rows = detectionTable([
      {
        name: 'r',
        durationSec: 3600,
        rules: [{ rule: 'traffic-drop', expected: 1, detections: 1, misses: 0, falseCues: 0, delays: [3] }],
        problems: [],
      },
    ]);
    const [header, line] = formatDetectionTable(rows, { 'traffic-drop': 2 });
    expect(header).toMatch(/CUSUM floor +delay \/ floor$/);
    expect(line).toMatch(/3 s +2 s +1\.50$/);
  });
});

describe('exported sessions', () => {
  it('replay gives the cues the live engine gave, with the session rule settings', () => {
    const scenario = scenarioSchema.parse(load('demo.json'));
    const player = createScenarioPlayer(scenario);
    const startedAt = player.startTs;
    const session: SessionRow = {
      id: 'mock:room:1',
      site: 'mock',
      roomKey: 'room',
      title: 'demo',
      startedAt,
      lastSampleAt: startedAt + 600_000,
      ruleSettings: { 'traffic-drop': { holdSec: 90 } },
      peakViewers: null,
      gmv: null,
      cuesFired: 0,
      cuesActed: 0,
    };
    // The live path: samples as they arrive, the operator marks the first cue done, ticks while quiet.
    const engine = createEngine(session.ruleSettings);
    const state = engine.init(session.id, startedAt);
    const live = new Map<string, Cue>();
    const samples: SampleRow[] = [];
    const actions: ActionRow[] = [];
    for (const step of player.samples()) {
      const row: SampleRow = {
        sessionId: session.id,
        ts: step.ts,
        metrics: step.metrics,
        product: step.product,
      };
      samples.push(row);
      for (const cue of engine.step(state, {
        kind: 'sample',
        ts: row.ts,
        metrics: row.metrics,
        product: row.product,
      })) {
        live.set(cue.id, cue);
        if (cue.status === 'active' && actions.length === 0) {
          const action: ActionRow = {
            id: 'a1',
            sessionId: session.id,
            ts: row.ts + 5000,
            type: 'cue',
            cueId: cue.id,
            action: 'done',
          };
          actions.push(action);
        }
      }
      const pending = actions.find((a) => a.ts === step.ts);
      if (pending && pending.type === 'cue') {
        for (const cue of engine.step(state, {
          kind: 'action',
          ts: pending.ts,
          cueId: pending.cueId,
          action: pending.action,
        })) {
          live.set(cue.id, cue);
        }
      }
    }
    const file = {
      format: 'livecue-export',
      schemaVersion: 1,
      exportedAt: startedAt + 700_000,
      sessions: [{ session, samples, actions, cues: [...live.values()] }],
    };
    const read = readRuns(JSON.parse(JSON.stringify(file)), 'export.json');
    if (!read.ok) throw new Error(read.error);
    const replayed = replayRun(read.runs[0]!);
    const sorted = [...live.values()].sort((a, b) => a.firedAt - b.firedAt);
    expect(replayed).toEqual(JSON.parse(JSON.stringify(sorted)));
    expect(replayed.find((cue) => cue.ruleId === 'traffic-drop')!.countdownSec).toBe(90);
    expect(replayed.some((cue) => cue.status === 'done')).toBe(true);
  });

  it('reports a bad export by the field path', () => {
    const read = readRuns(
      { format: 'livecue-export', schemaVersion: 1, exportedAt: 1, sessions: [{ session: {} }] },
      'x.json',
    );
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.error).toMatch(/^x\.json: sessions\[0\]\.session\.id/);
  });
});

describe('cue lines', () => {
  it('carry at, ruleId, severity, rendered title and evidence', () => {
    const read = readRuns(load('thin-drop.json'), 'thin-drop.json');
    if (!read.ok) throw new Error(read.error);
    const run = read.runs[0]!;
    const [line] = replayRun(run).map((cue) => cueLine(cue, run.startedAt, 'en'));
    expect(line).toMatchObject({ ruleId: 'traffic-drop', severity: 'urgent' });
    expect(line!.at).toBeGreaterThanOrEqual(60);
    expect(line!.at).toBeLessThanOrEqual(80);
    expect(line!.title).toMatch(/^Viewers fell from [\d,]+ to [\d,]+ in \d+ s$/);
    expect(line!.evidence[0]!.metric).toBe('viewers');
  });
});
