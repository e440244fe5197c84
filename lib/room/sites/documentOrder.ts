// Node.DOCUMENT_POSITION_FOLLOWING, spelled out: the content script's modules also run under test DOMs.
const FOLLOWING = 4;

/** A sort comparator putting elements in document order (`a` first when `b` follows it). */
export function byDocumentOrder(a: Node, b: Node): number {
  return a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1;
}
