// What the numbers in a comment say: body stats (165/120斤, 5'4 130lbs) ask for a size, a product number
// (3号, #4, 第2个) names a link, an amount (19块, $19) or a bare number names a price. Run on normalized text
// (lowercase, ASCII digits) and only when it holds a digit or a Chinese numeral before 号 / 米.

export type NumberRole = 'stats' | 'body' | 'item' | 'money' | 'number' | 'sizeCode' | 'deal';

export interface NumberCue {
  start: number;
  end: number;
  role: NumberRole;
}

const CN = '一二三四五六七八九十两';
const HEIGHT =
  `(?:1[4-9]\\d(?:\\.\\d)?\\s*(?:cm|厘米|公分)?|1\\.[4-9]\\d?\\s*(?:m|米)?|[1一]\\s*米\\s*[4-9四五六七八九][0-9零${CN}]?|` +
  `[4-6]\\s*(?:'|ft|feet|foot)\\s*(?:1[01]|\\d)?\\s*(?:"|in)?)`;
const WEIGHT = '(?:[4-9]\\d|1\\d\\d|2\\d\\d)(?:\\.\\d)?\\s*(?:斤|kg|公斤|千克|lbs?|磅|pounds)?';

/** Height then weight (身高/体重 optional): "165/120斤", "160 100", "5'2 120 lbs", "1米6 100斤". */
const STATS = new RegExp(
  `(?<![\\d.])(?:身高\\s*)?${HEIGHT}\\s*[/,、+\\-\\s]?\\s*(?:体重\\s*)?${WEIGHT}(?![\\d.])`,
  'g',
);
/** A height or weight with its unit, alone: "120斤", "160cm", "5'4", "60kg". */
const BODY = new RegExp(
  `(?<![\\d.])(?:(?:[4-9]\\d|1\\d\\d|2\\d\\d)(?:\\.\\d)?\\s*(?:斤|kg|公斤|lbs?)|1[4-9]\\d\\s*(?:cm|厘米)|` +
    `[1一]\\s*米\\s*[4-9四五六七八九][0-9零${CN}]?|[4-6]\\s*(?:'|ft)\\s*(?:1[01]|\\d)?)(?![\\da-z])`,
  'g',
);
/** A product number: "3号" (not 3号码), "#4", "no.5", "number 2", "第3个", "五号". */
const ITEM = new RegExp(
  `(?<![\\d.])\\d{1,3}\\s*号(?!码)|#\\s*\\d{1,3}(?!\\d)|(?<![a-z])no\\.?\\s*\\d{1,3}(?!\\d)|(?<![a-z])number\\s*\\d{1,3}(?!\\d)|` +
    `第\\s*(?:\\d{1,3}|[${CN}]{1,3})\\s*[个号款件]?|(?<![${CN}\\d])[${CN}]{1,2}号(?!码)`,
  'g',
);
const MONEY =
  /[$¥]\s*\d+(?:\.\d{1,2})?(?![\d%])|(?<![\d.])\d+(?:\.\d{1,2})?\s*(?:元|块钱|块|刀|美元|美金|rmb|usd|dollars?|bucks)(?![a-z])/g;
/** Shoe and trouser sizes ("39码") and letter sizes before 码 ("s码", "xl码"). */
const SIZE_CODE = /(?<![\d.])\d{2}\s*码|(?<![a-z'])(?:x{0,3}s|m|x{0,4}l|[2-6]xl)\s*码/g;
/** A lone size letter in Chinese text ("穿M可以吗", "S和M有什么区别") or as a whole comment ("L?"). */
const SIZE_LETTER = /(?<![a-z'\d])(?:x{0,3}s|m|x{0,4}l)(?![a-z'\d])/g;
/** Deal terms: 买三送一, 满200减30, 8折, 第二件半价. */
const DEAL = new RegExp(
  `买\\s*[\\d${CN}]+\\s*送\\s*[\\d${CN}]+|满\\s*\\d+\\s*减\\s*\\d*|(?<![\\d.])\\d(?:\\.\\d)?\\s*折|第\\s*[二2]\\s*件\\s*[\\d.]*\\s*(?:折|半价)`,
  'g',
);
/** A bare amount; not a percentage, a temperature or a length. */
const NUMBER = /(?<![\d.])\d{2,6}(?:\.\d{1,2})?(?![\d.]|\s*(?:%|度|cm|mm|ml|g\b|岁|分钟|小时|天|个|件|斤))/g;

const HAS_NUMBER = new RegExp(`[\\d${CN}码]`);
const HAS_CJK = /[\u4e00-\u9fff]/;
const DIGIT = /\d/;
const MAY_DEAL = /[送减折]/;
const MAY_ITEM = /[号#第]|no|number/;
const SOME_SIZE_LETTER = /(?<![a-z'])[xsml](?![a-rt-z'])/;
const WHOLE_LETTER = /^(?:x{0,3}s|m|x{0,4}l)[\s?!.]*$/;

/** 666, 888, 111: cheers, not prices. 520 / 1314 are love numbers. */
const isCheer = (digits: string) => /^(\d)\1+$/.test(digits) || digits === '520' || digits === '1314';

function collect(re: RegExp, role: NumberRole, text: string, into: NumberCue[], taken: Uint8Array): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].trimEnd().length;
    let free = true;
    for (let i = start; i < end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    if (role === 'number' && isCheer(m[0])) continue;
    taken.fill(1, start, end);
    into.push({ start, end, role });
  }
}

/** The number cues in `text`, earlier patterns taking precedence where they overlap. */
export function findNumberCues(text: string): NumberCue[] {
  const letters = SOME_SIZE_LETTER.test(text) && (WHOLE_LETTER.test(text) || HAS_CJK.test(text));
  if (!letters && !HAS_NUMBER.test(text)) return [];
  const cues: NumberCue[] = [];
  const taken = new Uint8Array(text.length);
  const digits = DIGIT.test(text);
  // Each pattern only where the characters it needs are (most comments have none of them).
  if (MAY_DEAL.test(text)) collect(DEAL, 'deal', text, cues, taken);
  if (digits || text.includes('米')) {
    collect(STATS, 'stats', text, cues, taken);
    collect(BODY, 'body', text, cues, taken);
  }
  if (text.includes('码')) collect(SIZE_CODE, 'sizeCode', text, cues, taken);
  if (letters) collect(SIZE_LETTER, 'sizeCode', text, cues, taken);
  if (MAY_ITEM.test(text)) collect(ITEM, 'item', text, cues, taken);
  if (digits) {
    collect(MONEY, 'money', text, cues, taken);
    collect(NUMBER, 'number', text, cues, taken);
  }
  return cues;
}
