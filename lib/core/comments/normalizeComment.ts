// A comment as typed → the one form the intent lexicon is matched in: fullwidth letters, digits and
// punctuation become ASCII, Latin letters lower case, curly quotes straight, emoji presentation marks and
// skin tones dropped, the traditional forms of the characters the lexicon uses simplified, and every run
// of whitespace one space. One pass over the text, no regular expressions (the classifier's hot path).

/** Traditional → simplified for the characters live-room questions are made of (價錢碼號鏈貨運…). */
const TRADITIONAL_PAIRS =
  '錢钱 價价 碼码 號号 鏈链 連连 結结 貨货 運运 費费 郵邮 優优 換换 質质 麼么 嗎吗 幾几 發发 還还 樣样 紅红 獎奖 買买 賣卖 們们 這这 個个 長长 寬宽 圍围 車车 購购 領领 實实 顏颜 黃黄 藍蓝 綠绿 時时 間间 點点 無无 險险 會会 現现 庫库 絲丝 純纯 縮缩 線线 適适 雙双 問问 贈赠 單单 從从 裡里 穩稳 貼贴 褲裤 襪袜 試试 來来 讓让 給给 應应 該该 寶宝 舊旧 壞坏 裝装 團团 劃划 滿满 減减 額额 讚赞 氣气 話话 塊块 驗验 際际 歲岁 產产 標标 準准';

const SIMPLIFIED = new Map<number, number>();
for (const pair of TRADITIONAL_PAIRS.split(' ')) SIMPLIFIED.set(pair.charCodeAt(0), pair.charCodeAt(1));

const SPACE = 32;

/** The code unit a character becomes: -1 drops it, SPACE is whitespace. */
function mapUnit(c: number): number {
  if (c < 0x80) {
    if (c >= 65 && c <= 90) return c + 32;
    return Math.max(c, SPACE);
  }
  if (c >= 0xff01 && c <= 0xff5e) {
    const ascii = c - 0xfee0;
    return ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii;
  }
  switch (c) {
    case 0xa0:
    case 0x3000:
    case 0x2028:
    case 0x2029:
      return SPACE;
    case 0x3002: // 。
    case 0xff61:
    case 0x2026: // …
      return 46;
    case 0x3001: // 、
      return 44;
    case 0x2018:
    case 0x2019:
    case 0x2032: // ′ (5′4)
      return 39;
    case 0x201c:
    case 0x201d:
    case 0x2033:
      return 34;
    case 0xffe5: // ￥
      return 0xa5;
    case 0xfe0e: // text / emoji presentation selectors, joiners, invisible marks
    case 0xfe0f:
    case 0x200b:
    case 0x200c:
    case 0x200d:
    case 0x2060:
    case 0xfeff:
      return -1;
  }
  if (c >= 0x2000 && c <= 0x200a) return SPACE;
  return SIMPLIFIED.get(c) ?? c;
}

/**
 * mapUnit for every UTF-16 unit, built on the first comment (not at import: the worker's cold start does
 * not wait for it): the hot loop is one array read per character.
 */
const DROP = 0xffff;
let unitTable: Uint16Array | undefined;
function buildUnitTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const m = mapUnit(c);
    table[c] = m < 0 ? DROP : m;
  }
  unitTable = table;
  return table;
}

/** Whether the table was built (a worker's start must not build it: test/unit/worker/bootWork.test.ts). */
export function matchingTableBuilt(): boolean {
  return unitTable !== undefined;
}

/** The matching form of a comment (see the file comment); '' for a comment of whitespace only. */
export function normalizeComment(text: string): string {
  // Most comments need nothing but a trim: find the first unit that changes, and copy only from there.
  const UNIT = unitTable ?? buildUnitTable();
  const n = text.length;
  let i = 0;
  let lastSpace = true;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const m = UNIT[c]!;
    if (m !== c || (c === SPACE && lastSpace) || c === 0xd83c) break;
    lastSpace = c === SPACE;
  }
  if (i === n) return lastSpace && n > 0 ? text.slice(0, n - 1) : text;

  let out = text.slice(0, i);
  let pendingSpace = false;
  if (out.endsWith(' ')) {
    out = out.slice(0, -1);
    pendingSpace = out.length > 0;
  }
  for (; i < n; i++) {
    const raw = text.charCodeAt(i);
    // Skin-tone modifiers (U+1F3FB–1F3FF) only recolour the emoji before them.
    if (raw === 0xd83c) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdffb && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    const c = UNIT[raw]!;
    if (c === DROP) continue;
    if (c === SPACE) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(c);
  }
  return out;
}
