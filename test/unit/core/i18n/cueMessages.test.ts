import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../lib/core/format/formatDuration';
import { renderCueText } from '../../../../lib/core/format/renderCue';
import { cueMessages } from '../../../../lib/core/i18n/cueMessages';
import { readRuns } from '../../../../scripts/replay/readRuns';
import { replayRun } from '../../../../scripts/replay/replayRun';

const DIR = join(import.meta.dirname, '../../../scenarios');

describe('cue messages', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(cueMessages['zh-CN']).sort()).toEqual(Object.keys(cueMessages.en).sort());
  });

  // The library is some forty hours of scenarios: give the replay time on a busy machine.
  it('render every cue of the scenario library with all placeholders filled, in both languages', {
    timeout: 60_000,
  }, () => {
    for (const name of readdirSync(DIR).filter((file) => file.endsWith('.json'))) {
      const read = readRuns(JSON.parse(readFileSync(join(DIR, name), 'utf8')), name);
      if (!read.ok) throw new Error(read.error);
      for (const cue of replayRun(read.runs[0]!)) {
        for (const locale of ['zh-CN', 'en'] as const) {
          const { title, detail } = renderCueText(cue, locale);
          expect(title, `${name} ${cue.title}`).not.toMatch(/[{}]|^cue\./);
          expect(detail, `${name} ${cue.detail}`).not.toMatch(/[{}]|^cue\./);
        }
      }
    }
  });

  it('say what to do now, with the numbers', () => {
    const text = renderCueText(
      {
        title: 'cue.traffic-drop.title',
        detail: 'cue.traffic-drop.detail',
        params: { from: 1400, to: 700, windowSec: 120, holdSec: 60 },
      },
      'zh-CN',
    );
    expect(text.title).toBe('在线人数 2 分钟内从 1400 跌到 700');
    expect(text.detail).toContain('憋单 1 分钟再揭价');
    expect(formatDuration(90, 'en')).toBe('1 min 30 s');
  });
});
