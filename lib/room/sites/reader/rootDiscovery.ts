import { frameDocument, queryAll } from '../pageText';

// Finding the open shadow roots and same-origin frames under a page, in slices. Asking every element for its
// shadow root touches each one from script (a wrapper each in the content script's world: ~20 ms on a page
// of 30k elements), so it goes in slices between the page's own tasks; frames are found at once, by one
// native query. Roots added later come with the nodes the MutationObserver reports.

/** How many elements between two looks at the clock. */
const CLOCK_EVERY = 256;

/** The same-origin frame documents under `root` (not inside its shadow roots): one native query. */
export function frameRoots(root: ParentNode): Document[] {
  const found: Document[] = [];
  for (const el of queryAll(root, 'iframe,frame')) {
    const frame = frameDocument(el);
    if (frame?.documentElement) found.push(frame, ...frameRoots(frame));
  }
  return found;
}

export class RootDiscovery {
  private readonly queue: ParentNode[];
  private list: NodeListOf<Element> | null = null;
  private index = 0;
  /** Roots found by this discovery, in the order found. */
  readonly found: (Document | ShadowRoot)[] = [];

  constructor(root: ParentNode) {
    this.queue = [root];
  }

  /** Looks until `deadline`; true once every element was asked. */
  step(deadline: number, now: () => number = () => performance.now()): boolean {
    let count = 0;
    for (;;) {
      if (!this.list) {
        const next = this.queue.shift();
        if (!next) return true;
        this.list = next.querySelectorAll('*');
        this.index = 0;
      }
      const list = this.list;
      while (this.index < list.length) {
        if (++count % CLOCK_EVERY === 0 && now() > deadline) return false;
        const el = list[this.index++]!;
        const shadow = el.shadowRoot;
        if (shadow && el.tagName !== 'LIVECUE-OVERLAY') this.note(shadow);
        else if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
          const frame = frameDocument(el);
          if (frame?.documentElement) this.note(frame);
        }
      }
      this.list = null;
    }
  }

  private note(root: Document | ShadowRoot): void {
    this.found.push(root);
    this.queue.push(root);
  }
}
