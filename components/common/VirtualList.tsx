import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { visibleWindow } from '../../lib/ui/common/visibleWindow';

// A scrolling list of fixed-height rows that renders only what is on screen, so 1,000 cues cost
// the same as 20.

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  renderRow: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T) => string;
  label: string;
  testId?: string;
}

export function VirtualList<T>({
  items,
  rowHeight,
  height,
  renderRow,
  itemKey,
  label,
  testId,
}: VirtualListProps<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = Math.min(height, items.length * rowHeight);
  const { start, end } = visibleWindow(scrollTop, viewport, rowHeight, items.length);
  const rows = [];
  for (let index = start; index < end; index++) {
    const item = items[index]!;
    rows.push(
      <li
        key={itemKey(item)}
        class="vlist-row"
        style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
      >
        {renderRow(item, index)}
      </li>,
    );
  }
  return (
    <div
      class="vlist"
      style={{ height: `${viewport}px` }}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLElement).scrollTop)}
      data-testid={testId}
    >
      <ul class="vlist-body" aria-label={label} style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </ul>
    </div>
  );
}
