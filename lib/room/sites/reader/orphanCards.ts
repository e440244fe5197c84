// A missing metric's label with no value beside it yet ("加载中"): its card is watched, and a change inside it
// sends the card to be searched again, until a value is found there.

/** Label cards watched at most (a page of loading tiles). */
export const MAX_ORPHANS = 24;
/** How many levels above the label a card reaches. */
const CARD_LEVELS = 3;

export class OrphanCards {
  private readonly cards = new Set<Element>();

  constructor(private readonly max = MAX_ORPHANS) {}

  get size(): number {
    return this.cards.size;
  }

  /** A wanted label with nothing beside it: watch its card. */
  note(label: Text): void {
    if (this.cards.size >= this.max) return;
    let area: Element | null = label.parentElement;
    for (let i = 0; i < CARD_LEVELS && area?.parentElement; i++) area = area.parentElement;
    if (area) this.cards.add(area);
  }

  /** The watched cards a change at `target` happened in. */
  touchedBy(target: Node): Element[] {
    const out: Element[] = [];
    for (const card of this.cards) if (card.contains(target)) out.push(card);
    return out;
  }

  /** A value was found at `source`: the card holding it is no longer an orphan. */
  resolve(source: Node): void {
    for (const card of this.cards) if (card.contains(source)) this.cards.delete(card);
  }

  clear(): void {
    this.cards.clear();
  }
}
