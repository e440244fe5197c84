import { labelKey } from '../../core/metrics/normalizeText';
import { type Exclusion, isHidden, queryAllIn, walkText } from './pageText';
import type { EndedHints } from './siteAdapter';

// The room's own end-of-live signal: a summary modal, an ended page state (直播已结束, "LIVE ended") or a
// redirect (handled by the room watch). A bare 已结束 is also what a finished coupon, lucky bag (福袋) or
// product tag says, so it counts only in a dialog or beside the live's own state, never next to a promotion.
// The signal is looked for again on every scan and its node checked on every read: it is never sticky.

/** Phrases that name the live itself ending. */
const LIVE_ENDED = new Set([
  '直播结束',
  '直播已结束',
  '本场直播已结束',
  '直播结束了',
  '直播总结',
  '本场直播总结',
  '已下播',
  'liveended',
  'livehasended',
  'thelivehasended',
  'thislivehasended',
  'yourlivehasended',
  'streamended',
]);
/** Says something ended, but not what: a coupon, a lucky bag and a live all say it. */
const BARE_ENDED = new Set(['已结束', 'ended']);
const DIALOG =
  '[role="dialog"],[role="alertdialog"],[aria-modal="true"],dialog,[class*="modal"],[class*="Modal"]';
const PROMOTION =
  /福袋|券|红包|抽奖|秒杀|活动|商品|预约|预告|拼团|限时|倒计时|福利|礼物|宝贝|coupon|giveaway|bag|flash|deal|[¥$￥]/i;
const LIVE_STATE = /直播|状态|本场|live|stream/i;
/** Words worth a closer look in a changed text (cheap pre-check before normalising). */
export const ENDED_HINT = /结束|总结|下播|ended/i;

const keyOf = (text: string) => labelKey(text).replace(/[!.。！~]+$/, '');

export interface EndedSpot {
  text: Text;
}

/** Whether this text, where it sits, says the live ended. */
function saysLiveEnded(text: Text, extra: ReadonlySet<string>): boolean {
  const key = keyOf(text.data);
  const el = text.parentElement;
  if (!el) return false;
  if (LIVE_ENDED.has(key) || extra.has(key)) return !isHidden(el);
  if (!BARE_ENDED.has(key)) return false;
  // The few words around it: the tag's own box and its parent.
  const context = labelKey(el.parentElement?.textContent ?? el.textContent ?? '').slice(0, 120);
  if (PROMOTION.test(context)) return false;
  if (!el.closest(DIALOG) && !LIVE_STATE.test(context.replace(key, ''))) return false;
  return !isHidden(el);
}

/** The text that shows the live has ended under `root`, or null. */
export function findEnded(
  roots: readonly ParentNode[],
  exclusion: Exclusion,
  hints: EndedHints = {},
): EndedSpot | null {
  for (const selector of hints.selectors ?? []) {
    const el = queryAllIn(roots, selector).find((e) => !isHidden(e));
    const text = el && firstText(el);
    if (text) return { text };
  }
  const extra = new Set(hints.texts ?? []);
  let found: Text | null = null;
  for (const root of roots) {
    walkText(
      root,
      exclusion,
      (text) => {
        if (!found && saysLiveEnded(text, extra)) found = text;
      },
      true,
      (data) => data.length <= 40 && ENDED_HINT.test(data),
    );
    if (found) return { text: found };
  }
  return null;
}

function firstText(el: Element): Text | null {
  const walker = el.ownerDocument.createTreeWalker(el, 0x4);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null)
    if (n.data.trim()) return n;
  return null;
}

/** The end-of-live text is still there, still says so and still shows (a modal closed, a room back live). */
export function stillEnded(spot: EndedSpot, hints: EndedHints = {}): boolean {
  const { text } = spot;
  if (!text.isConnected || !text.parentElement) return false;
  if ((hints.selectors ?? []).some((s) => text.parentElement!.closest(s)))
    return !isHidden(text.parentElement);
  return saysLiveEnded(text, new Set(hints.texts ?? []));
}

/** Containers that never hold the end-of-live signal: feeds and lists (a comment asking "直播结束了吗"), links. */
export const ENDED_EXCLUDE = 'a,li,[role="listitem"]';
