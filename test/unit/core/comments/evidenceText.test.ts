import { describe, expect, it } from 'vitest';
import { evidenceKey, shortEvidence } from '../../../../lib/core/comments/evidenceText';

describe('evidence text', () => {
  it('keeps short comments, collapses spaces and cuts long ones at a character with …', () => {
    expect(shortEvidence('  多少钱  包邮吗 ')).toBe('多少钱 包邮吗');
    expect(shortEvidence('abcdefghij', 6)).toBe('abcde…');
    expect(shortEvidence('👍👍👍👍', 3)).toBe('👍👍…');
  });

  it('compares quotes without punctuation, emoji, spacing or width', () => {
    expect(evidenceKey('多少钱？？😂')).toBe(evidenceKey('多少钱'));
    expect(evidenceKey('ＨＯＷ much!!')).toBe(evidenceKey('how much'));
    expect(evidenceKey('多少钱')).not.toBe(evidenceKey('怎么卖'));
  });
});
