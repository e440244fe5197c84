// Which comment rows are new. A comment list is re-rendered, virtualised and recycled under the reader, so a
// row element appearing is not a comment arriving. The ledger remembers the (user, text) signature each row
// element shows and decides per batch of mutations:
//   - a row whose signature just left the list in the same batch moved or was re-created: not new;
//   - a row re-using an element with its old content (a re-render) changed nothing: not new;
//   - a row with a key attribute (data-id, data-index…) whose key and content were seen is shown again;
//   - a row whose content left the list from its newest end (the list was scrolled away from it) and comes
//     back is shown again; one that left from the oldest end (trimmed) and comes back at the newest end is
//     the same viewer writing the same thing again: new;
//   - anything else is new when it lands at the list's newest end, and history when it lands elsewhere (an
//     older part of the list scrolled into view).
// The newest end is learned from where new rows land (bottom for most lists, top for some).

export type ListEnd = 'top' | 'bottom' | 'middle';

export interface RowRead {
  row: Element;
  /** `${user}\u0001${text}`, or null for a row that is not a comment (yet). */
  signature: string | null;
  /** The row's key attribute, when it has one. */
  key: string | null;
}

const KEY_ATTRIBUTES = [
  'data-id',
  'data-key',
  'data-msg-id',
  'data-message-id',
  'data-comment-id',
  'data-item-key',
  'data-item-index',
  'data-index',
  'data-rid',
];

/** A row's identity attribute, if the page gives it one. */
export function rowKey(row: Element): string | null {
  for (const name of KEY_ATTRIBUTES) {
    const value = row.getAttribute(name);
    if (value) return `${name}=${value}`;
  }
  return null;
}

const MAX_LEFT = 1000;
const MAX_KEYS = 4000;

export interface RowLedger {
  /** Where new comments land: unknown until the list shows it. */
  readonly newest: 'top' | 'bottom' | null;
  /** The rows on screen when reading starts (or restarts): known, never reported. */
  baseline(rows: readonly RowRead[]): void;
  /**
   * One batch of mutations: rows removed (with the end of the list they left from) and rows added or changed
   * (read now). `placeOf` says where a row sits in the list; `landsAt` where it sits among the rows that were
   * there before this batch (null when none of them is left). Returns the new comments.
   */
  apply<R extends RowRead>(
    removed: readonly { row: Element; end: ListEnd }[],
    changed: readonly R[],
    placeOf: (row: Element) => ListEnd,
    landsAt: (row: Element, fresh: ReadonlySet<Element>) => ListEnd | null,
  ): R[];
}

interface Candidate<R> {
  read: R;
  end: ListEnd | null;
  leftFrom: ListEnd | undefined;
}

export function createRowLedger(newestEnd: 'top' | 'bottom' | null = null): RowLedger {
  /** The signature each row element showed when last read ('' for a row that is no comment yet). */
  const shown = new WeakMap<Element, string>();
  /** Signatures that left the list recently, with the end they left from (oldest first). */
  const left = new Map<string, ListEnd>();
  const keys = new Set<string>();
  let newest = newestEnd;

  const isNewest = (end: ListEnd) => end !== 'middle' && (newest === null || end === newest);
  const note = (read: RowRead) => {
    if (read.signature === null) return;
    shown.set(read.row, read.signature);
    if (read.key !== null) {
      keys.add(`${read.key}\u0001${read.signature}`);
      if (keys.size > MAX_KEYS) keys.delete(keys.values().next().value!);
    }
  };

  /**
   * The newest end is where a comment never seen lands beside rows from before; or, in a list redrawn or
   * recycled whole, where the single never-seen row sits. Several never-seen rows alone say nothing.
   */
  const learnNewest = (candidates: readonly Candidate<RowRead>[], placeOf: (row: Element) => ListEnd) => {
    const unseen = candidates.filter((c) => c.leftFrom === undefined);
    const landed = unseen.find((c) => c.end === 'top' || c.end === 'bottom');
    const place = landed ? landed.end : unseen.length === 1 ? placeOf(unseen[0]!.read.row) : 'middle';
    if (place === 'top' || place === 'bottom') newest = place;
  };

  return {
    get newest() {
      return newest;
    },
    baseline(rows) {
      for (const read of rows) note(read);
    },
    apply(removed, changed, placeOf, landsAt) {
      // What left the list in this batch, as a multiset: removed rows and the old content of changed rows.
      const gone = new Map<string, number>();
      const goneEnd = new Map<string, ListEnd>();
      const leave = (signature: string, end: ListEnd) => {
        gone.set(signature, (gone.get(signature) ?? 0) + 1);
        goneEnd.set(signature, end);
      };
      for (const { row, end } of removed) {
        const signature = shown.get(row);
        if (!signature) continue;
        shown.delete(row);
        leave(signature, end);
      }
      const fresh = new Set<Element>();
      for (const read of changed) {
        const before = shown.get(read.row);
        if (before === (read.signature ?? '')) continue;
        if (before) leave(before, placeOf(read.row));
        fresh.add(read.row);
      }

      // Rows whose content did not just move and whose key was not seen with it: new, or shown again.
      const candidates: Candidate<(typeof changed)[number]>[] = [];
      for (const read of changed) {
        const { signature } = read;
        if (!fresh.has(read.row)) continue;
        if (signature === null) {
          shown.set(read.row, '');
          continue;
        }
        const moved = gone.get(signature) ?? 0;
        const keyed = read.key !== null && keys.has(`${read.key}\u0001${signature}`);
        note(read);
        if (moved > 0) gone.set(signature, moved - 1);
        else if (!keyed) {
          candidates.push({ read, end: landsAt(read.row, fresh), leftFrom: left.get(signature) });
          left.delete(signature);
        }
      }
      if (newest === null) learnNewest(candidates, placeOf);

      const news = candidates
        .filter(({ read, end, leftFrom }) =>
          leftFrom === undefined
            ? end === null || isNewest(end)
            : // Trimmed from the old end and written again at the new end: a second comment. Anything else
              // is the same comment scrolled back into view.
              isNewest(end ?? placeOf(read.row)) && leftFrom !== 'middle' && !isNewest(leftFrom),
        )
        .map((c) => c.read);

      // Whatever left and did not come back: remember from which end, for when it does.
      for (const [signature, count] of gone) {
        if (count <= 0) continue;
        left.delete(signature);
        left.set(signature, goneEnd.get(signature)!);
        if (left.size > MAX_LEFT) left.delete(left.keys().next().value!);
      }
      return news;
    },
  };
}
