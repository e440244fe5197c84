import { COMMENT_TOPICS, type CommentTopic } from './commentTopics';
import { defaultLexicon, HOMOPHONES, LATIN_SHORTHAND } from './defaultLexicon';
import { normalizeComment } from './normalizeComment';
import { findNumberCues, type NumberRole } from './numberCues';
import { buildTermAutomaton, type TermAutomaton } from './termAutomaton';
import { buildTypoFixer } from './typoFixer';

// Which topics a comment asks about (DESIGN.md §4: a pure function, the same in the worker, in tests and in
// replay). A comment asks about a topic when
//   - it holds a phrase that asks by itself (多少钱, 几号链接, what size), or body stats (165/120斤);
//   - a question word attaches to a topic word: the nearest topic word on the side the question word points
//     to, in the same clause (面料是纯棉的吗, 多少钱包邮吗, is it cotton, price and shipping?);
//   - or it is nothing but topic words, filler and punctuation (链接, 尺码表发一下, 3号, link pls).
// Statements (已拍, 发货很快, love the fabric) ask nothing unless a question word says so. Chatter — cheers,
// greetings, emoji, questions about the streamer — holds no topic word and returns [].

/** The operator's own words per topic, plus phrases to ignore (see lib/core/comments/commentLexicon.ts). */
export type CommentLexicon = Partial<Record<CommentTopic | 'ignore', readonly string[]>>;

export type ClassifyComment = (text: string) => readonly CommentTopic[];

// What a matched phrase is. Topic kinds first: their order is also their precedence for one phrase.
const ASK = 0; // asks by itself
const ABOUT = 1; // a topic word
const WEAK = 2; // a topic word only with a plain question word attached
const REF = 3; // a product number: a link when alone or asked about
const IMPLIED = 4; // body stats: ask for a size unless the comment is a statement
const VERB = 5; // asks about its topic, or about a topic word right beside it
const PREFIX = 6;
const SUFFIX = 7;
const BOTH = 8;
const LEAD = 9;
const TAIL = 10;
const SOFT = 11;
const CONJ = 12;
const FILLER = 13;
const STATEMENT = 14;
const IGNORE = 15;

interface Entry {
  kind: number;
  topic: number;
  /** A cost of its topic (运费, shipping): "how much" beside it asks about this topic. */
  cost: boolean;
  /** One CJK character: counts only as a word of its own (码 in 什么码, not in 起码). */
  single: boolean;
  /** A question word that alone asks about this topic (多少 → price), also of a weak word or number it follows. */
  alone: number;
  /** A stock word asking what is left (还有, sold out): a size asked in its clause is a variant in stock. */
  remaining: boolean;
  /** Something went wrong with an order (破损, damaged): its clause asks about after-sales. */
  problem: boolean;
  latinStart: boolean;
  latinEnd: boolean;
}

interface Hit {
  start: number;
  end: number;
  entry: Entry;
  asked: boolean;
  /** Matched with a plural s the phrase does not have ("links"): a phrase matching exactly goes first. */
  plural: boolean;
}

const PRICE = COMMENT_TOPICS.indexOf('price');
const SIZE = COMMENT_TOPICS.indexOf('size');
const LINK = COMMENT_TOPICS.indexOf('link');
const STOCK = COMMENT_TOPICS.indexOf('stock');
const DISCOUNT = COMMENT_TOPICS.indexOf('discount');
const AFTERSALES = COMMENT_TOPICS.indexOf('aftersales');
/** Question words point at a topic word at most this many meaningful characters away. */
const MAX_GAP = 10;
/** "How much" gives its question to a cost word at most this close ("how much is shipping"). */
const COST_GAP = 2;
/** A comment is a line; past this it is a paste, and only its start is read. */
const MAX_CHARS = 300;

const isLatin = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;
const isLetter = (c: number) => (c >= 97 && c <= 122) || c === 39;
/** A character that carries meaning when left over: letters and ideographs, not digits, emoji or punctuation. */
const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0x3040 && c <= 0x30ff) ||
  (c >= 0xac00 && c <= 0xd7af);
const isCjk = (c: number) => c >= 0x2e80 && c < 0xfe00 && c !== 0x3000;
/** Ends a clause: , . ! ; ~ and ? (which belongs to the clause it ends). */
const isClauseBreak = (c: number) => c === 44 || c === 46 || c === 33 || c === 59 || c === 126 || c === 10;

const NUMBER_KIND: Record<NumberRole, [number, number]> = {
  stats: [IMPLIED, SIZE],
  // A stated height or weight asks which size fits it, like full stats ("im 130 lbs", "120斤").
  body: [IMPLIED, SIZE],
  sizeCode: [ABOUT, SIZE],
  deal: [ABOUT, DISCOUNT],
  item: [REF, LINK],
  money: [WEAK, PRICE],
  number: [WEAK, PRICE],
};
const numberEntries = new Map<NumberRole, Entry>();
for (const [role, [kind, topic]] of Object.entries(NUMBER_KIND) as [NumberRole, [number, number]][]) {
  numberEntries.set(role, {
    kind,
    topic,
    cost: false,
    single: false,
    alone: -1,
    remaining: false,
    problem: false,
    latinStart: false,
    latinEnd: false,
  });
}

/** A question word inside a phrase makes the phrase ask by itself ("什么价", "where to buy"). */
function holdsQuestionWord(phrase: string): boolean {
  const { QUESTION_WORDS } = defaultLexicon();
  const tokens = phrase.split(/[^a-z']+/);
  for (const word of [...QUESTION_WORDS.prefix, ...QUESTION_WORDS.suffix, ...QUESTION_WORDS.both]) {
    if (isLetter(word.charCodeAt(0)) ? tokens.includes(word) : phrase.includes(word)) return true;
  }
  return false;
}

let segmenter: Intl.Segmenter | null | undefined;
const DIGITS = /\d/g;
const isIdeograph = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
/** Word context around one character: a few characters either side are enough for the segmenter. */
const WORD_CONTEXT = 3;
const standaloneCache = new Map<string, boolean>();

/**
 * Whether the character at `at` is a word of its own in `text` by Intl.Segmenter (dictionary-based for
 * Chinese): 码 in 什么码 is, in 起码 it is not. Without Intl.Segmenter every character counts. The answer depends
 * only on the few characters around it, so it is remembered per context (a pure cache: same answer either way).
 */
function isOwnWord(text: string, at: number): boolean {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== 'undefined' && 'Segmenter' in Intl
        ? new Intl.Segmenter('zh', { granularity: 'word' })
        : null;
  }
  if (!segmenter) return true;
  // Beside nothing it could join (digits, Latin, emoji, punctuation), a character is a word of its own.
  if (!isIdeograph(text.charCodeAt(at - 1)) && !isIdeograph(text.charCodeAt(at + 1))) return true;
  const from = Math.max(0, at - WORD_CONTEXT);
  // Which digits surround it never changes how it segments: one cache entry for 3号码 and 7号码.
  const context = text.slice(from, at + 1 + WORD_CONTEXT).replace(DIGITS, '0');
  const key = `${at - from}:${context}`;
  let own = standaloneCache.get(key);
  if (own === undefined) {
    own = false;
    for (const part of segmenter.segment(context)) {
      if (part.index === at - from) {
        own = part.segment.length === 1;
        break;
      }
      if (part.index > at - from) break;
    }
    if (standaloneCache.size >= 4096) standaloneCache.clear();
    standaloneCache.set(key, own);
  }
  return own;
}

interface Compiled {
  phrases: string[];
  entries: Entry[];
  alone: Map<string, number>;
}

function compile(user: CommentLexicon): Compiled {
  const {
    CONJUNCTIONS,
    COST_WORDS,
    DEFAULT_TOPIC_WORDS,
    FILLER_WORDS,
    IGNORED_PHRASES,
    NEUTRAL_STOCK_WORDS,
    PROBLEM_WORDS,
    QUESTION_WORDS,
    STATEMENT_WORDS,
  } = defaultLexicon();
  const byPhrase = new Map<string, { entry: Entry; rank: number }>();
  // Normalized here, not at import: normalizing builds the matching table, which a worker's start without
  // comments never needs.
  const neutralStock = new Set(NEUTRAL_STOCK_WORDS.map(normalizeComment));
  const add = (raw: string, kind: number, topic: number, rank: number, cost = false, problem = false) => {
    const phrase = normalizeComment(raw);
    if (!phrase) return;
    const seen = byPhrase.get(phrase);
    if (seen && seen.rank >= rank) return;
    const first = phrase.charCodeAt(0);
    const last = phrase.charCodeAt(phrase.length - 1);
    byPhrase.set(phrase, {
      rank,
      entry: {
        kind,
        topic,
        cost,
        single: phrase.length === 1 && isCjk(first),
        alone: -1,
        remaining: topic === STOCK && kind !== WEAK && !neutralStock.has(phrase),
        problem,
        latinStart: isLatin(first),
        latinEnd: isLatin(last),
      },
    });
  };
  const addTopicWords = (topic: number, kind: number, list: readonly string[] | undefined, rank: number) => {
    for (const raw of list ?? []) {
      const phrase = normalizeComment(raw);
      const sorted = kind !== ASK && kind !== VERB && holdsQuestionWord(phrase) ? ASK : kind;
      add(phrase, sorted, topic, rank);
      // An input-method slip of a topic word names the same topic; any real phrase of the lexicon wins.
      if (sorted !== WEAK) for (const slip of homophoneSlips(phrase)) add(slip, sorted, topic, 0);
    }
  };

  for (const word of FILLER_WORDS) add(word, FILLER, -1, 1);
  for (const word of CONJUNCTIONS) add(word, CONJ, -1, 2);
  const cueKinds = [
    [QUESTION_WORDS.soft, SOFT],
    [QUESTION_WORDS.tail, TAIL],
    [QUESTION_WORDS.lead, LEAD],
    [QUESTION_WORDS.prefix, PREFIX],
    [QUESTION_WORDS.suffix, SUFFIX],
    [QUESTION_WORDS.both, BOTH],
  ] as const;
  for (const [list, kind] of cueKinds) for (const word of list) add(word, kind, -1, 3);
  for (const word of STATEMENT_WORDS) add(word, STATEMENT, -1, 4);
  COMMENT_TOPICS.forEach((topic, index) => {
    const words = DEFAULT_TOPIC_WORDS[topic];
    addTopicWords(index, WEAK, words.weak, 5);
    addTopicWords(index, ABOUT, words.about, 6);
    addTopicWords(index, ASK, words.ask, 7);
    addTopicWords(index, VERB, words.verb, 7);
    for (const word of COST_WORDS[topic] ?? []) add(word, ABOUT, index, 8, true);
  });
  for (const word of PROBLEM_WORDS) add(word, ABOUT, AFTERSALES, 8, false, true);
  for (const word of IGNORED_PHRASES) add(word, IGNORE, -1, 9);
  // The operator's words override the defaults for the same phrase.
  COMMENT_TOPICS.forEach((topic, index) => {
    addTopicWords(index, ABOUT, user[topic], 10);
  });
  for (const word of user.ignore ?? []) add(word, IGNORE, -1, 11);

  const alone = new Map<string, number>();
  COMMENT_TOPICS.forEach((topic, index) => {
    for (const word of DEFAULT_TOPIC_WORDS[topic].alone ?? []) {
      const phrase = normalizeComment(word);
      alone.set(phrase, index);
      const cue = byPhrase.get(phrase)?.entry;
      if (cue && cue.kind >= PREFIX && cue.kind <= SOFT) cue.alone = index;
    }
  });
  const phrases = [...byPhrase.keys()];
  return { phrases, entries: phrases.map((p) => byPhrase.get(p)!.entry), alone };
}

const NONE: readonly CommentTopic[] = Object.freeze([]);

/** A classifier with the default lexicon and the operator's words merged in (build once, call per comment). */
export function createCommentClassifier(lexicon: CommentLexicon = {}): ClassifyComment {
  const { phrases, entries, alone } = compile(lexicon);
  const automaton = buildTermAutomaton(phrases);
  const latinWords = new Set(phrases.flatMap((p) => p.split(/[^a-z']+/)).filter((w) => w.length > 0));
  // "dose" is a word of its own: the question words that open a clause are never typo targets.
  const lead = new Set<string>(defaultLexicon().QUESTION_WORDS.lead);
  const fixTypos = buildTypoFixer(
    [...latinWords].filter((word) => !lead.has(word)),
    latinWords,
  );
  return (input) => {
    let text = normalizeComment(input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input);
    if (text.length === 0) return NONE;
    if (text.includes('不') || text.includes('唔')) text = text.replace(REPEATED_QUESTION, askForm);
    text = fixTypos(text).replace(SHORTHAND, (word) => LATIN_SHORTHAND[word] ?? word);

    const hits = acceptHits(text, automaton, entries).filter((hit) => !isExclaimed(text, hit));
    for (const cue of findNumberCues(text)) {
      hits.push({
        start: cue.start,
        end: cue.end,
        entry: numberEntries.get(cue.role)!,
        asked: false,
        plural: false,
      });
    }
    const chosen = pickLongest(hits);
    // Chatter holds no topic word: only a lone question word can still ask ("多少？", "米？").
    if (!chosen.some(isTopicHit)) return aloneTopic(text, chosen, alone);
    return topicsOf(text, chosen, alone);
  };
}

/**
 * The A-not-A question, Mandarin 不 or Cantonese 唔: "透不透" / "掉不掉色" / "快唔快" → "透吗" / "掉色吗" / "快吗";
 * 是不是, 能不能… are question words already.
 */
const REPEATED_QUESTION = /([\u4e00-\u9fff])[不唔]\1([\u4e00-\u9fff]?)/g;

const SHORTHAND = new RegExp(`(?<![a-z])(?:${Object.keys(LATIN_SHORTHAND).join('|')})(?![a-z])`, 'g');

/** Each word with one character swapped for a homophone of its group (HOMOPHONES), keeping one exact character. */
const HOMOPHONE_OF = new Map<string, string>();
for (const group of HOMOPHONES) for (const c of group) HOMOPHONE_OF.set(c, group);
function homophoneSlips(phrase: string): string[] {
  if (phrase.length < 2 || !isCjk(phrase.charCodeAt(0))) return [];
  const slips: string[] = [];
  for (let i = 0; i < phrase.length; i++) {
    const group = HOMOPHONE_OF.get(phrase[i]!);
    if (!group) continue;
    for (const c of group) if (c !== phrase[i]) slips.push(phrase.slice(0, i) + c + phrase.slice(i + 1));
  }
  return slips;
}

/**
 * "how much I love this", "what we need is…": an English question word followed by I or we opens an
 * exclamation or a clause of a statement, not a question ("how much do I pay" has its verb first).
 */
const EXCLAMATION_AFTER = /^ (?:i|we|i'm|we're)\b/;
const isExclaimed = (text: string, hit: Hit) =>
  hit.entry.latinEnd &&
  hit.entry.kind !== ABOUT &&
  hit.entry.kind !== WEAK &&
  EXCLAMATION_AFTER.test(text.slice(hit.end, hit.end + 8));
const QUESTION_WORD_HEADS = new Set('是能会可行好要有对'.split(''));
// 好不好 alone asks "OK?"; before a word it asks that word (好不好用 → 好用吗).
const askForm = (match: string, head: string, next: string) =>
  QUESTION_WORD_HEADS.has(head) && !(head === '好' && next) ? match : `${head}${next}吗`;

/** Drops matches inside Latin words and single characters the segmenter does not see as words. */
function acceptHits(text: string, automaton: TermAutomaton, entries: readonly Entry[]): Hit[] {
  const hits: Hit[] = [];
  const matches = automaton.scan(text);
  for (let m = 0; m < matches.count; m++) {
    const term = matches.terms[m]!;
    let end = matches.ends[m]!;
    const start = end - automaton.length(term);
    const entry = entries[term]!;
    if (entry.latinStart && start > 0 && isLatin(text.charCodeAt(start - 1))) continue;
    if (entry.latinEnd && end < text.length && isLatin(text.charCodeAt(end))) {
      // A plural is the same topic word: links, sizes, coupons.
      const plural =
        entry.kind <= WEAK &&
        text.charCodeAt(end) === 115 &&
        !(end + 1 < text.length && isLatin(text.charCodeAt(end + 1)));
      if (!plural) continue;
      end++;
    }
    if (entry.single && entry.kind <= VERB && !isOwnWord(text, start)) continue;
    hits.push({ start, end, entry, asked: false, plural: end !== matches.ends[m] });
  }
  return hits;
}

/** Longest matches first, then topic words before question words; the rest must not overlap. In text order. */
function pickLongest(hits: Hit[]): Hit[] {
  if (hits.length <= 1) return hits;
  // Insertion sort: a comment has a handful of matches.
  for (let i = 1; i < hits.length; i++) {
    const hit = hits[i]!;
    let j = i - 1;
    for (; j >= 0 && byLengthThenKind(hits[j]!, hit) > 0; j--) hits[j + 1] = hits[j]!;
    hits[j + 1] = hit;
  }
  const chosen: Hit[] = [];
  for (const hit of hits) {
    let free = true;
    for (let k = 0; k < chosen.length && free; k++)
      free = hit.end <= chosen[k]!.start || hit.start >= chosen[k]!.end;
    if (free) chosen.push(hit);
  }
  for (let i = 1; i < chosen.length; i++) {
    const hit = chosen[i]!;
    let j = i - 1;
    for (; j >= 0 && chosen[j]!.start > hit.start; j--) chosen[j + 1] = chosen[j]!;
    chosen[j + 1] = hit;
  }
  return chosen;
}
const byLengthThenKind = (a: Hit, b: Hit) =>
  b.end - b.start - (a.end - a.start) ||
  Number(a.plural) - Number(b.plural) ||
  a.entry.kind - b.entry.kind ||
  a.start - b.start;

// Scratch arrays per character, reused from comment to comment (classification allocates almost nothing).
let clauseBuffer = new Int32Array(256);
let meaningBuffer = new Int32Array(256);
let paddedBuffer = new Uint8Array(256);
let joinsBuffer = new Uint8Array(256);
function growBuffers(size: number): void {
  clauseBuffer = new Int32Array(size);
  meaningBuffer = new Int32Array(size);
  paddedBuffer = new Uint8Array(size);
  joinsBuffer = new Uint8Array(size);
}

const isTopicHit = (hit: Hit) => hit.entry.kind <= VERB;
const isCue = (hit: Hit) => hit.entry.kind >= PREFIX && hit.entry.kind <= SOFT;
/** Hits whose characters carry no meaning of their own for distances: filler, conjunctions, soft words. */
const isPadding = (hit: Hit) =>
  hit.entry.kind === FILLER || hit.entry.kind === CONJ || hit.entry.kind === SOFT;

function topicsOf(text: string, hits: Hit[], alone: ReadonlyMap<string, number>): readonly CommentTopic[] {
  const n = text.length;
  if (clauseBuffer.length < n + 1) growBuffers(n + 1);
  // Clause of each character; a space between Chinese words separates clauses ("多少钱 包邮吗").
  const clause = clauseBuffer;
  for (let i = 0, id = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 && (isCjk(text.charCodeAt(i - 1)) || isCjk(text.charCodeAt(i + 1)))) id++;
    clause[i] = id;
    if (isClauseBreak(c) || c === 63) id++;
  }
  // meaning[i]: meaningful units before i: characters outside spaces and padding words, a Latin word
  // counting once ("ship to philippines?" has the question one word after its topic, not eleven letters).
  const padded = paddedBuffer.fill(0, 0, n);
  for (const hit of hits) if (isPadding(hit)) padded.fill(1, hit.start, hit.end);
  const meaning = meaningBuffer;
  meaning[0] = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const inWord = i > 0 && isLetter(c) && isLetter(text.charCodeAt(i - 1));
    meaning[i + 1] = meaning[i]! + (c === 32 || padded[i] || inWord ? 0 : 1);
  }
  const gap = (a: Hit, b: Hit) => meaning[b.start]! - meaning[a.end]!;
  const sameClause = (a: Hit, b: Hit) => clause[a.start] === clause[b.start];

  let statement = false;
  const joins = joinsBuffer.fill(0, 0, n);
  for (const hit of hits) {
    if (hit.entry.kind === STATEMENT) statement = true;
    if (hit.entry.kind === CONJ) joins.fill(1, hit.start, hit.end);
  }
  const priced: { topic: number; at: number }[] = [];

  for (let k = 0; k < hits.length; k++) {
    const cue = hits[k]!;
    if (!isCue(cue)) continue;
    const kind = cue.entry.kind;
    let before: Hit | undefined;
    let after: Hit | undefined;
    for (let j = k - 1; j >= 0 && !before; j--)
      if (isTopicHit(hits[j]!) && sameClause(hits[j]!, cue)) before = hits[j];
    for (let j = k + 1; j < hits.length && !after; j++)
      if (isTopicHit(hits[j]!) && sameClause(hits[j]!, cue)) after = hits[j];
    if (before && gap(before, cue) > MAX_GAP) before = undefined;
    if (after && gap(cue, after) > MAX_GAP) after = undefined;
    // A weak word before a question word is usually a modifier: "price for the small one?" asks the price.
    if (before?.entry.kind === WEAK && (kind === SUFFIX || kind === TAIL)) {
      for (let j = hits.indexOf(before) - 1; j >= 0; j--) {
        const hit = hits[j]!;
        if (!sameClause(hit, cue) || gap(hit, cue) > MAX_GAP) break;
        if (isTopicHit(hit) && hit.entry.kind !== WEAK) {
          before = hit;
          break;
        }
      }
    }
    let target: Hit | undefined;
    if (kind === PREFIX) target = after;
    else if (kind === SUFFIX) target = before;
    else if (kind === LEAD) target = opensClause(cue) ? after : undefined;
    else if (kind === TAIL) target = endsClause(cue) ? before : undefined;
    else if (before && after) target = gap(before, cue) <= gap(cue, after) ? before : after;
    else target = before ?? after;
    if (!target) {
      // "这款精华直播间多少": 多少 ending a clause with no topic word asks the price.
      if (cue.entry.alone >= 0 && endsClause(cue)) priced.push({ topic: cue.entry.alone, at: cue.start });
      continue;
    }
    const tk = target.entry.kind;
    if (tk === ASK || tk === IMPLIED || tk === VERB) continue;
    if (tk === WEAK || tk === REF) {
      // "黑色那款多少", "3号多少": the price of the thing named. A soft word asks nothing of a weak word.
      if (cue.entry.alone >= 0) {
        priced.push({ topic: cue.entry.alone, at: cue.start });
        continue;
      }
      if (kind === SOFT) continue;
    }
    target.asked = true;
    shareWithConjoined(target);
  }

  /** Nothing meaningful before it in its clause, or a conjunction right before it ("how much and do you…"). */
  function opensClause(cue: Hit): boolean {
    for (let i = cue.start - 1; i >= 0 && clause[i] === clause[cue.start]; i--) {
      if (joins[i]) return true;
      if (text.charCodeAt(i) !== 32 && !padded[i]) return false;
    }
    return true;
  }
  function endsClause(cue: Hit): boolean {
    for (let i = cue.end; i < n && clause[i] === clause[cue.start]; i++) {
      const c = text.charCodeAt(i);
      if (isWordChar(c) && !padded[i]) return false;
    }
    return true;
  }
  /** "price and shipping?": a topic word joined to an asked one by 和 / and / & shares the question. */
  function shareWithConjoined(target: Hit): void {
    const at = hits.indexOf(target);
    for (const step of [-1, 1]) {
      let joined = false;
      let last = target;
      for (let j = at + step; j >= 0 && j < hits.length; j += step) {
        const hit = hits[j]!;
        if (!sameClause(hit, target)) break;
        if (hit.entry.kind === CONJ) joined = true;
        else if (isTopicHit(hit) && joined && (step > 0 ? gap(last, hit) : gap(hit, last)) === 0) {
          hit.asked = true;
          last = hit;
          joined = false;
        } else if (!isPadding(hit)) break;
      }
    }
  }

  const found: { topic: number; at: number }[] = priced;
  for (const hit of hits) {
    const kind = hit.entry.kind;
    const topic = hit.entry.topic;
    const at = hit.start;
    if (kind === ASK || (kind <= REF && hit.asked)) found.push({ topic: topicOfAsked(hit), at });
    else if (kind === IMPLIED && !statement) found.push({ topic, at });
    else if (kind === VERB) found.push({ topic: objectTopic(hit), at });
  }
  function topicOfAsked(hit: Hit): number {
    if (hit.entry.topic === PRICE) return costTopic(hit);
    // "退换货运费谁出": the shipping of a return is after-sales.
    if (hit.entry.cost) {
      const prev = hits[hits.indexOf(hit) - 1];
      if (prev?.entry.topic === AFTERSALES && prev.entry.kind === ABOUT && gap(prev, hit) === 0)
        return AFTERSALES;
    }
    return hit.entry.topic;
  }
  /** "how much is shipping", "shipping cost?": the price of a cost word is that word's topic. */
  function costTopic(price: Hit): number {
    for (const hit of hits) {
      if (!hit.entry.cost || !sameClause(hit, price)) continue;
      const [first, second] = hit.end <= price.start ? [hit, price] : [price, hit];
      // "price and shipping?" asks two things: a conjunction between them keeps them apart.
      const joined = joins.subarray(first.end, second.start).includes(1);
      if (!joined && gap(first, second) <= COST_GAP) return hit.entry.topic;
    }
    return PRICE;
  }
  /** A verb ask asks about the topic word right beside it (什么时候发福袋, 退款多久到), else its own topic. */
  function objectTopic(verb: Hit): number {
    const at = hits.indexOf(verb);
    for (const j of [at + 1, at - 1]) {
      const hit = hits[j];
      // One character beside a verb is the verb's own object (货 in 从哪发货), not a topic of its own.
      if (!hit || (hit.entry.kind !== ABOUT && hit.entry.kind !== ASK) || hit.end - hit.start < 2) continue;
      if (!sameClause(hit, verb)) continue;
      if ((j > at ? gap(verb, hit) : gap(hit, verb)) === 0) return hit.entry.topic;
    }
    return verb.entry.topic;
  }

  if (found.length === 0 && !statement && isBare(text, hits)) {
    // A bare product number names which product, unless nothing else is asked ("2号价格" → price, "3号" → link).
    for (const hit of hits)
      if (hit.entry.kind === ABOUT) found.push({ topic: hit.entry.topic, at: hit.start });
    if (found.length === 0) {
      for (const hit of hits)
        if (hit.entry.kind === REF) found.push({ topic: hit.entry.topic, at: hit.start });
    }
  }
  if (found.length === 0) return aloneTopic(text, hits, alone);

  // Per clause: a size asked beside "还有 / sold out" is a variant in stock ("还有L码吗"); anything asked
  // beside a problem ("收到破损怎么办") is after-sales.
  const remaining = new Set<number>();
  const problems = new Set<number>();
  for (const hit of hits) {
    if (hit.entry.remaining) remaining.add(clause[hit.start]!);
    if (hit.entry.problem) problems.add(clause[hit.start]!);
  }
  found.sort((a, b) => a.at - b.at);
  const topics: CommentTopic[] = [];
  for (const { topic, at } of found) {
    const where = clause[Math.min(at, n - 1)]!;
    const final = problems.has(where) ? AFTERSALES : topic === SIZE && remaining.has(where) ? STOCK : topic;
    const id = COMMENT_TOPICS[final]!;
    if (!topics.includes(id)) topics.push(id);
  }
  return topics;
}

/**
 * Nothing left over that means something: every letter and ideograph is inside a topic word, filler or a soft
 * word ("链接", "尺码表发一下", "link pls"). A question word that asked nothing ("the quality is 🔥") makes the
 * comment a sentence, not a request.
 */
function isBare(text: string, hits: readonly Hit[]): boolean {
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    while (h < hits.length && hits[h]!.end <= i) h++;
    const hit = hits[h];
    const kind = hit !== undefined && hit.start <= i ? hit.entry.kind : IGNORE;
    const covered = kind <= VERB || kind === SOFT || kind === CONJ || kind === FILLER;
    if (!covered && isWordChar(text.charCodeAt(i))) return false;
  }
  return true;
}

/** The topic of a comment that is only a lone question word with filler ("多少呀？" → price), else none. */
function aloneTopic(
  text: string,
  hits: readonly Hit[],
  alone: ReadonlyMap<string, number>,
): readonly CommentTopic[] {
  if (hits.some((hit) => hit.entry.kind === STATEMENT)) return NONE;
  const topic = alone.get(coreText(text, hits));
  if (topic !== undefined) return ALONE_TOPICS[topic]!;
  // "这款精华直播间多少": 多少 ending a clause, with no topic word in the comment, asks the price.
  for (const hit of hits) {
    if (hit.entry.alone >= 0 && clauseIsOverAt(text, hit.end, hits)) return ALONE_TOPICS[hit.entry.alone]!;
  }
  return NONE;
}

/** Nothing meaningful from `from` to the end of its clause (filler, emoji and punctuation aside). */
function clauseIsOverAt(text: string, from: number, hits: readonly Hit[]): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isClauseBreak(c) || c === 63) return true;
    if (c === 32 && (isCjk(text.charCodeAt(i - 1)) || isCjk(text.charCodeAt(i + 1)))) return true;
    if (isWordChar(c) && !hits.some((hit) => isPadding(hit) && hit.start <= i && i < hit.end)) return false;
  }
  return true;
}
const ALONE_TOPICS = COMMENT_TOPICS.map((topic) => Object.freeze([topic]) as readonly CommentTopic[]);

/** The words of a comment without filler, spaces, digits, emoji and punctuation ("多少呀？" → "多少"). */
function coreText(text: string, hits: readonly Hit[]): string {
  let core = '';
  for (let i = 0; i < text.length; i++) {
    if (!isWordChar(text.charCodeAt(i))) continue;
    if (hits.some((hit) => isPadding(hit) && hit.start <= i && i < hit.end)) continue;
    core += text[i];
  }
  return core;
}

let defaultClassifier: ClassifyComment | undefined;
/** The topics a comment asks about with the default lexicon, in the order they appear; [] for chatter. */
export const classifyComment: ClassifyComment = (text) => {
  defaultClassifier ??= createCommentClassifier();
  return defaultClassifier(text);
};
