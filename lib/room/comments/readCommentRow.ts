import {
  MAX_COMMENT_TEXT_CHARS as MAX_TEXT_CHARS,
  MAX_COMMENT_USER_CHARS as MAX_USER_CHARS,
} from '../../core/messages/roomPortConstants';
import { queryOne } from '../sites/pageText';
import type { CommentSiteHints } from './commentSites';
import { cleanText, rowText } from './commentText';

// One comment row → its commenter and text. A site's hints name the parts when known; otherwise the name is
// the row's name-like element (class with nick / name / user / author), a short bold lead-in, or the part
// before "：" / ": ", and the text is the rest. Rows that are the platform's own notices (entries, follows,
// gifts, likes) are not comments and read as null.

export interface CommentRowParts {
  user: string;
  text: string;
}

const NAME = '[class*="nick" i],[class*="name" i],[class*="user" i],[class*="author" i]';
const CONTENT = '[class*="content" i],[class*="text" i],[class*="msg" i],[class*="message" i]';
/** Level, fan-club and role badges sit beside the name; their text is neither name nor comment. */
const BADGE = '[class*="badge" i],[class*="level" i],[class*="medal" i],[class*="tag" i],[class*="icon" i]';
const LEAD_IN = new Set(['B', 'STRONG', 'A', 'SPAN', 'EM', 'LABEL']);
const MAX_NAME_CHARS = 24;
const SEPARATOR = /^(.{1,24}?)\s*[:：]\s*(.+)$/s;

/** The platform's own notices in a comment list: someone entered, followed, sent a gift, liked, shared. */
const NOTICE =
  /(?:进入|来到|加入)了?直播间|关注了主播|送出了?|送给主播|点赞了|为主播点赞|分享了直播间|(?:joined|entered) the live|followed the host|sent (?:a|an|\d+) |liked the live|shared the live/i;

const queryFirst = (row: Element, selector: string | undefined) =>
  selector ? queryOne(row, selector) : null;

function nameElement(row: Element, hints: CommentSiteHints): Element | null {
  const hinted = queryFirst(row, hints.user);
  if (hinted) return hinted;
  for (const el of row.querySelectorAll(NAME)) {
    if (insideBadge(el, row)) continue;
    const text = el.textContent?.trim() ?? '';
    if (text.length > 0 && text.length <= MAX_USER_CHARS && !el.querySelector(CONTENT)) return el;
  }
  // A short bold / link lead-in followed by more text: "<b>mia_k</b>: hi".
  const first = row.firstElementChild;
  if (first && LEAD_IN.has(first.tagName) && first.nextSibling) {
    const text = first.textContent?.trim() ?? '';
    if (text.length > 0 && text.length <= MAX_NAME_CHARS) return first;
  }
  return null;
}

/** Inside a badge within the row (checked up to the row only: `closest` would climb the whole page). */
function insideBadge(el: Element, row: Element): boolean {
  for (let a: Element | null = el; a && a !== row; a = a.parentElement) if (a.matches(BADGE)) return true;
  return false;
}

/** The row's commenter and text, or null for an empty row, a notice or a row the site marks as skipped. */
export function readCommentRow(row: Element, hints: CommentSiteHints = {}): CommentRowParts | null {
  if (hints.skip && safeMatches(row, hints.skip)) return null;
  const nameEl = nameElement(row, hints);
  const textEl = queryFirst(row, hints.text) ?? (nameEl ? contentElement(row, nameEl) : null);
  let user = nameEl ? cleanText(rowText(nameEl), MAX_USER_CHARS) : '';
  let text: string;
  if (textEl) text = rowText(textEl);
  else {
    const skip = new Set<Element>(row.querySelectorAll(BADGE));
    if (nameEl) skip.add(nameEl);
    text = rowText(row, skip);
  }
  text = cleanText(text, MAX_TEXT_CHARS).replace(/^[:：]\s*/, '');
  if (!nameEl && !textEl) {
    const split = SEPARATOR.exec(text);
    if (split) {
      user = cleanText(split[1]!, MAX_USER_CHARS);
      text = split[2]!.trim();
    }
  }
  user = user.replace(/[:：]\s*$/, '');
  if (!text || NOTICE.test(text)) return null;
  return { user, text };
}

/** The row's text element when it has one of its own (not the name, not holding the name). */
function contentElement(row: Element, nameEl: Element): Element | null {
  for (const el of row.querySelectorAll(CONTENT)) {
    if (el === nameEl || el.contains(nameEl) || nameEl.contains(el)) continue;
    return el;
  }
  return null;
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}
