import { labelKey } from '../../core/metrics/normalizeText';
import { collect, GENERIC_EXCLUDE, isHidden, queryAll, walkText } from './pageText';
import type { EndedHints } from './siteAdapter';

// The room's own end-of-live signal: a modal or tag reading 直播结束 / 直播总结 / 已结束 (PLATFORMS.md).
// Only a text that is the whole phrase counts, so a comment asking "直播结束了吗" is not an ending.

const ENDED_TEXTS = [
  '直播结束',
  '直播已结束',
  '本场直播已结束',
  '直播结束了',
  '直播总结',
  '本场直播总结',
  '已结束',
  '已下播',
  'liveended',
  'livehasended',
  'thislivehasended',
  'yourlivehasended',
  'streamended',
];

/** True when the page shows an end-of-live modal or tag. */
export function detectEnded(root: ParentNode, hints: EndedHints = {}): boolean {
  for (const selector of hints.selectors ?? []) {
    if (queryAll(root, selector).some((el) => !isHidden(el))) return true;
  }
  const texts = new Set([...ENDED_TEXTS, ...(hints.texts ?? [])]);
  const excluded = collect(root, [GENERIC_EXCLUDE, 'a', 'li', '[role="listitem"]']);
  let ended = false;
  walkText(root, excluded, (text) => {
    if (ended) return;
    const key = labelKey(text.data).replace(/[!.。！~]+$/, '');
    if (texts.has(key) && text.parentElement && !isHidden(text.parentElement)) ended = true;
  });
  return ended;
}
