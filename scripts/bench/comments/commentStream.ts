// The page side of the comment reader bench (readerCost.ts): plays a comment stream into the page's list at a
// given rate, as a live dashboard draws it, while the page updates its own tiles, and counts long tasks.
// Bundled into the page with the reader; runs in Chromium only.

/** Plays SECONDS of comments at RATE/s into the page's list; returns comments written and long tasks seen. */
export function playStream(mode: 'append' | 'recycle', seconds: number, rate: number) {
  return new Promise<{ written: number; longTasks: number }>((done) => {
    const feed = document.getElementById('feed')!;
    const longTasks: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    const texts = [
      '多少钱',
      '来了',
      '666',
      '几号链接',
      '好看',
      '165/120斤穿什么码',
      '扣1',
      '包邮吗',
      'how much?',
      '❤️❤️',
    ];
    const makeRow = (n: number) => {
      const row = document.createElement('div');
      row.className = 'commentItem--Q1w';
      row.innerHTML =
        '<img alt="" src="data:,"><span class="nickname--R2t"></span><span class="content--U3i"></span>';
      row.children[1]!.textContent = `viewer${n}`;
      row.children[2]!.textContent = texts[n % texts.length]!;
      return row;
    };
    // The rows already on screen (put there by setUpList before the reader started) are numbered below this.
    let n = (globalThis as unknown as { streamNext?: number }).streamNext ?? 1000;
    const start = n;
    const tiles = (globalThis as unknown as { tiles: HTMLElement[] }).tiles;
    const perTick = rate / 10;
    let ticks = 0;
    const timer = setInterval(() => {
      for (const tile of tiles) tile.textContent = String(Math.floor(Math.random() * 1e6));
      for (let k = 0; k < perTick; k++) {
        if (mode === 'append') {
          feed.append(makeRow(n++));
          while (feed.childElementCount > 200) feed.firstElementChild!.remove();
        } else {
          // A virtualised list pinned to the bottom: every row element takes its successor's content.
          const rows = [...feed.children];
          for (let i = 0; i < rows.length - 1; i++) {
            rows[i]!.children[1]!.textContent = rows[i + 1]!.children[1]!.textContent;
            rows[i]!.children[2]!.textContent = rows[i + 1]!.children[2]!.textContent;
          }
          rows.at(-1)!.children[1]!.textContent = `viewer${n}`;
          rows.at(-1)!.children[2]!.textContent = texts[n++ % texts.length]!;
        }
      }
      if (++ticks === seconds * 10) {
        clearInterval(timer);
        (globalThis as unknown as { streamNext?: number }).streamNext = n;
        setTimeout(() => done({ written: n - start, longTasks: longTasks.length }), 600);
      }
    }, 100);
  });
}
