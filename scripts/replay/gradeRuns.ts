import { type Cue, RULE_IDS, type RuleId } from '../../lib/core/engine/types';
import type { ReplayRun } from './readRuns';

// Grades cues against a scenario's labels: an `expect` is detected when a cue of its rule fires within
// [from, from + within]; a cue of a rule inside one of its `quiet` spans is a false cue. A label that names
// a key (the `questions` rule's `topic`) is met only by a cue with that key.

export interface RuleGrade {
  rule: RuleId;
  expected: number;
  detections: number;
  misses: number;
  falseCues: number;
  /** Seconds from `from` to the first matching cue, one per detection. */
  delays: number[];
}

export interface RunGrade {
  name: string;
  durationSec: number;
  rules: RuleGrade[];
  /** Human-readable lines for each miss and false cue. */
  problems: string[];
}

const secondsIn = (run: ReplayRun, cue: Cue) => (cue.firedAt - run.startedAt) / 1000;

interface KeyedLabel {
  rule: RuleId;
  topic?: string;
  key?: string;
}
const keyOf = (label: KeyedLabel) => label.key ?? label.topic;
/** The cue is of the label's rule and, when the label names a key, about that key. */
const matches = (label: KeyedLabel, cue: Cue) => {
  const key = keyOf(label);
  return cue.ruleId === label.rule && (key === undefined || cue.key === key);
};
const named = (label: KeyedLabel) => {
  const key = keyOf(label);
  return key === undefined ? label.rule : `${label.rule} (${key})`;
};

export function gradeRun(run: ReplayRun, cues: readonly Cue[]): RunGrade {
  const grades = new Map<RuleId, RuleGrade>();
  const gradeOf = (rule: RuleId) => {
    let grade = grades.get(rule);
    if (!grade) {
      grade = { rule, expected: 0, detections: 0, misses: 0, falseCues: 0, delays: [] };
      grades.set(rule, grade);
    }
    return grade;
  };
  const problems: string[] = [];
  for (const expect of run.expect) {
    const grade = gradeOf(expect.rule);
    grade.expected++;
    const hit = cues.find((cue) => {
      const at = secondsIn(run, cue);
      return matches(expect, cue) && at >= expect.from && at <= expect.from + expect.within;
    });
    if (hit) {
      grade.detections++;
      grade.delays.push(secondsIn(run, hit) - expect.from);
    } else {
      grade.misses++;
      problems.push(
        `${run.name}: missed ${named(expect)} expected in [${expect.from}, ${expect.from + expect.within}] s`,
      );
    }
  }
  for (const cue of cues) {
    const at = secondsIn(run, cue);
    const span = run.quiet.find((quiet) => matches(quiet, cue) && at >= quiet.from && at <= quiet.to);
    if (!span) continue;
    gradeOf(cue.ruleId).falseCues++;
    const about = cue.key === undefined ? '' : ` (${cue.key})`;
    problems.push(`${run.name}: false ${cue.ruleId}${about} at ${at} s (quiet ${span.from}–${span.to} s)`);
  }
  for (const quiet of run.quiet) gradeOf(quiet.rule);
  return {
    name: run.name,
    durationSec: run.durationSec,
    rules: RULE_IDS.flatMap((rule) => grades.get(rule) ?? []),
    problems,
  };
}

export interface DetectionRow {
  rule: RuleId;
  detections: number;
  expected: number;
  misses: number;
  falseCues: number;
  falsePerHour: number;
  medianDelaySec: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per rule over all runs; false cues per hour are over the total graded time. */
export function detectionTable(grades: readonly RunGrade[]): DetectionRow[] {
  const hours = grades.reduce((sum, grade) => sum + grade.durationSec, 0) / 3600;
  return RULE_IDS.flatMap((rule) => {
    const mine = grades.flatMap((grade) => grade.rules.filter((r) => r.rule === rule));
    if (mine.length === 0) return [];
    const sum = (key: 'detections' | 'expected' | 'misses' | 'falseCues') =>
      mine.reduce((total, r) => total + r[key], 0);
    const falseCues = sum('falseCues');
    return [
      {
        rule,
        detections: sum('detections'),
        expected: sum('expected'),
        misses: sum('misses'),
        falseCues,
        falsePerHour: hours > 0 ? falseCues / hours : 0,
        medianDelaySec: median(mine.flatMap((r) => r.delays)),
      },
    ];
  });
}

/**
 * The per-rule table; with `floors` (median delays of the CUSUM floor on the same runs) two more columns
 * say how far the engine is from it: the floor's delay and `delay / floor`.
 */
export function formatDetectionTable(
  rows: readonly DetectionRow[],
  floors?: Partial<Record<RuleId, number | null>>,
): string[] {
  const header = ['rule', 'detected', 'missed', 'false', 'false/h', 'median delay'];
  if (floors) header.push('CUSUM floor', 'delay / floor');
  const body = rows.map((row) => {
    const cells = [
      row.rule,
      `${row.detections}/${row.expected}`,
      String(row.misses),
      String(row.falseCues),
      row.falsePerHour.toFixed(2),
      row.medianDelaySec === null ? '–' : `${row.medianDelaySec.toFixed(0)} s`,
    ];
    if (floors) {
      const floor = floors[row.rule];
      cells.push(floor == null ? '–' : `${floor.toFixed(0)} s`);
      // A floor of 0 s (an alarm at the very sample of the change) counts as one second.
      cells.push(
        floor == null || row.medianDelaySec === null
          ? '–'
          : (row.medianDelaySec / Math.max(1, floor)).toFixed(2),
      );
    }
    return cells;
  });
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)];
}
