import { labelKey } from '../../core/metrics/normalizeText';
import { type Exclusion, isHidden, queryAllIn, walkText } from './pageText';
import type { EndedHints } from './siteAdapter';

// The room's own end-of-live signal, and only the room's own: an adapter's end-of-live element, the title of
// a dialog (直播结束 / 直播总结 heading a modal: viewers cannot write a dialog's title), or a live-status value
// beside its label (直播状态 已结束). Text anywhere else never ends a live: a viewer's comment "直播已结束"
// or "LIVE ended!", a lucky bag's (福袋) modal that says 已结束, "Ended" under a "LIVE special" header. A redirect
// is handled by the room watch. The signal is looked for again on every scan and its node checked on every
// read: it is never sticky.

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
/** Labels of a live-status field: the value beside one is the live's own state. */
const STATUS_LABELS = new Set([
  '直播状态',
  '直播间状态',
  '状态',
  '开播状态',
  'livestatus',
  'status',
  'streamstatus',
  'livestate',
]);
const DIALOG =
  '[role="dialog"],[role="alertdialog"],[aria-modal="true"],dialog,[class*="modal"],[class*="Modal"]';
/** Where a dialog says what it is about. */
const DIALOG_TITLE =
  'h1,h2,h3,h4,h5,h6,[class*="title"],[class*="Title"],[class*="header"],[class*="Header"]';
/** Words worth a closer look in a changed text (cheap pre-check before normalising). */
export const ENDED_HINT = /结束|总结|下播|ended/i;

const keyOf = (text: string) =>
  labelKey(text)
    .replace(/[:：|·-]/g, '')
    .replace(/[!.。！~]+$/, '');

export interface EndedSpot {
  text: Text;
}

/** The first text of `el` that says anything, in document order. */
function firstText(el: Element): Text | null {
  const walker = el.ownerDocument.createTreeWalker(el, 0x4);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null)
    if (n.data.trim()) return n;
  return null;
}

/** The dialog box `el` sits in: the outermost match, since a dialog's own parts are named *modal* too. */
function outermostDialog(el: Element): Element | null {
  let dialog = el.closest(DIALOG);
  for (let up = dialog?.parentElement?.closest(DIALOG); up; up = up.parentElement?.closest(DIALOG))
    dialog = up;
  return dialog;
}

/** Whether `text` is the title of the dialog it sits in: its heading, or its first words. */
function titlesDialog(text: Text, dialog: Element): boolean {
  const title = dialog.querySelector(DIALOG_TITLE);
  if (title) return title.contains(text) && firstText(title) === text;
  return firstText(dialog) === text;
}

/** Whether the element before `el` (or the text before the value in its own box) is a status label. */
function besideStatusLabel(el: Element): boolean {
  const before = el.previousElementSibling;
  if (before && STATUS_LABELS.has(keyOf(before.textContent ?? ''))) return true;
  // "直播状态：已结束" split over two texts of one box.
  const prefix = [...(el.parentElement?.childNodes ?? [])];
  const at = prefix.indexOf(el);
  const previous = at > 0 ? prefix[at - 1] : undefined;
  return previous?.nodeType === 3 && STATUS_LABELS.has(keyOf(previous.textContent ?? ''));
}

/** Whether this text, where it sits, is the room's own word that the live ended. */
function saysLiveEnded(text: Text, extra: ReadonlySet<string>): boolean {
  const el = text.parentElement;
  if (!el) return false;
  const key = keyOf(text.data);
  // "直播状态：已结束" in one text.
  for (const label of STATUS_LABELS) {
    if (key.startsWith(label) && key.length > label.length) {
      const value = key.slice(label.length);
      if (BARE_ENDED.has(value) || LIVE_ENDED.has(value) || extra.has(value)) return !isHidden(el);
    }
  }
  const phrase = LIVE_ENDED.has(key) || extra.has(key);
  if (!phrase && !BARE_ENDED.has(key)) return false;
  const dialog = outermostDialog(el);
  // The platform's end-of-live dialog says so in its title; a promotion's dialog is titled by what it is.
  if (phrase && dialog && titlesDialog(text, dialog)) return !isHidden(el);
  if (besideStatusLabel(el)) return !isHidden(el);
  return false;
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
      ENDED_HINT,
    );
    if (found) return { text: found };
  }
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

/**
 * Containers that never hold the end-of-live signal: feeds, lists and comment streams (a comment saying
 * "直播已结束"), links.
 */
export const ENDED_EXCLUDE =
  'a,li,[role="listitem"],[role="log"],[class*="comment"],[class*="Comment"],[class*="chat"],[class*="Chat"],[class*="barrage"],[class*="danmu"]';
