import { describe, expect, it } from 'vitest';
import type { Cue } from '../../../../lib/core/engine/types';
import { parseScenario } from '../../../../lib/core/scenario/scenarioSchema';
import { gradeRun } from '../../../../scripts/replay/gradeRuns';

// A scenario's labels for a keyed rule may say which key the cue is about: the questions rule's topic.

const minimal = { name: 'x', durationSec: 600, metrics: { viewers: { points: [[0, 100]] } } };

describe('keyed labels in a scenario', () => {
  it('accepts a questions label that names its topic, and a key on any keyed rule', () => {
    const parsed = parseScenario({
      ...minimal,
      expect: [
        { rule: 'questions', from: 60, within: 30, topic: 'price' },
        { rule: 'questions', from: 200, within: 30, key: 'size' },
      ],
      quiet: [{ rule: 'questions', from: 0, to: 600, topic: 'link' }],
    });
    expect(parsed).toMatchObject({
      ok: true,
      scenario: { expect: [{ topic: 'price' }, { key: 'size' }], quiet: [{ topic: 'link' }] },
    });
  });

  it('refuses a topic no classifier names, a topic on another rule, and a key on a rule without keys', () => {
    const refused = (label: object) => {
      const parsed = parseScenario({ ...minimal, expect: [{ from: 0, within: 10, ...label }] });
      return parsed.ok ? 'accepted' : parsed.error;
    };
    expect(refused({ rule: 'questions', topic: 'colour' })).toMatch(/^expect\.0\.topic/);
    expect(refused({ rule: 'traffic-drop', topic: 'price' })).toMatch(
      /^expect\.0\.topic: only the questions rule/,
    );
    expect(refused({ rule: 'traffic-drop', key: 'x' })).toMatch(
      /^expect\.0\.key: the traffic-drop rule names no key/,
    );
    expect(refused({ rule: 'questions', topic: 'price', key: 'size' })).toMatch(/^expect\.0\.key/);
    expect(refused({ rule: 'questions', topc: 'price' })).toMatch(/^expect\.0\.topc: unknown field/);
  });
});

describe('grading keyed labels', () => {
  const cue = (at: number, key?: string) => ({ ruleId: 'questions', firedAt: at * 1000, key }) as Cue;
  const run = {
    name: 'r',
    sessionId: 's',
    startedAt: 0,
    durationSec: 600,
    events: [],
    expect: [{ rule: 'questions' as const, from: 60, within: 30, topic: 'price' as const }],
    quiet: [{ rule: 'questions' as const, from: 0, to: 600, topic: 'link' as const }],
  };

  it('meets a topic only with a cue about that topic', () => {
    expect(gradeRun(run, [cue(70, 'price')]).problems).toEqual([]);
    const wrongTopic = gradeRun(run, [cue(70, 'size')]);
    expect(wrongTopic.problems).toEqual(['r: missed questions (price) expected in [60, 90] s']);
  });

  it('counts a cue as false only in a quiet span of its own topic', () => {
    const grade = gradeRun(run, [cue(70, 'price'), cue(100, 'link'), cue(120, 'size')]);
    expect(grade.problems).toEqual(['r: false questions (link) at 100 s (quiet 0–600 s)']);
    expect(grade.rules).toEqual([
      { rule: 'questions', expected: 1, detections: 1, misses: 0, falseCues: 1, delays: [10] },
    ]);
  });
});
