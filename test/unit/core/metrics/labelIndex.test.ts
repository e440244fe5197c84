import { describe, expect, it } from 'vitest';
import { matchLabel, mayBeLabelText, segmentsOf, valuePart } from '../../../../lib/core/metrics/labelIndex';

describe('matchLabel', () => {
  it('names the metric of a label, its decorations and units stripped, longest label first', () => {
    expect(matchLabel('GMV ($)')).toMatchObject({ metric: 'gmv', glued: false });
    expect(matchLabel('Avg. viewing duration per view')).toMatchObject({ metric: 'avgWatchSec' });
    expect(matchLabel('累计新增粉丝')).toMatchObject({ metric: 'newFollowers', label: '累计新增粉丝' });
    expect(matchLabel('在线人数：')).toMatchObject({ metric: 'viewers', colon: true });
    expect(matchLabel('在线观众 · ')).toMatchObject({ metric: 'viewers' });
  });

  it('never takes a look-alike for a metric', () => {
    for (const text of [
      'Non-followers',
      'Followers',
      'GMV per hour',
      'GMV Max ROI',
      '> 1 min. views',
      '粉丝',
      '退款金额',
    ])
      expect(matchLabel(text), text).toBeNull();
    // A qualifier in brackets makes another figure: it is not stripped like a unit.
    expect(matchLabel('今日用户支付金额(含异常交易)')).toBeNull();
  });

  it('reads a label glued to its value, either way round, and the value part of it', () => {
    const start = matchLabel('在线人数：1,927')!;
    expect(start).toMatchObject({ metric: 'viewers', glued: true, labelAt: 'start' });
    expect(valuePart('在线人数：1,927', start)).toBe('1,927');
    const end = matchLabel('30,696人进入直播间')!;
    expect(end).toMatchObject({ metric: 'entries', labelAt: 'end' });
    expect(valuePart('30,696人进入直播间', end)).toBe('30,696');
  });

  it('splits a line of several pairs into parts', () => {
    expect(segmentsOf('本场点赞 12.6万 | 评论数 3,402 | 成交件数 87')).toEqual([
      '本场点赞 12.6万',
      '评论数 3,402',
      '成交件数 87',
    ]);
    const part = matchLabel('评论数 3,402', 1)!;
    expect(valuePart('本场点赞 12.6万 | 评论数 3,402 | 成交件数 87', part)).toBe('3,402');
  });
});

describe('mayBeLabelText: the cheap first look', () => {
  it('keeps every label and glued value, and drops most other text at its first character', () => {
    for (const text of [
      '实时在线人数',
      'Viewers',
      'GMV ($)',
      '1927在线观众',
      '30,696人进入直播间',
      '1,234 Viewers',
      '２,１９２在线观众',
    ])
      expect(mayBeLabelText(text), text).toBe(true);
    for (const text of ['好看', '库存 200', '¥59.00', '12 条', '用户1234', 'x'.repeat(80)])
      expect(mayBeLabelText(text), text).toBe(false);
  });
});
