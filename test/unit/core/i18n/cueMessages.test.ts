import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../lib/core/format/formatDuration';
import { renderCueText } from '../../../../lib/core/format/renderCue';
import { cueMessages } from '../../../../lib/core/i18n/cueMessages';

describe('cue messages', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(cueMessages['zh-CN']).sort()).toEqual(Object.keys(cueMessages.en).sort());
  });

  // That every cue of the scenario library renders with all placeholders filled, in both languages, is
  // checked beside the library's replay (test/unit/scripts/replay/replay.test.ts), which replays it once.

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
