// Waits until the page has drawn two more frames, then calls `done` once. The page's own animation
// callbacks of those frames run before ours, so a count-up still under way has moved on by then. A hidden
// page draws no frames (and its animations stand still), so it goes at once; a page that draws none within
// `patienceMs` goes anyway rather than never.

export function afterDrawnFrames(doc: Document, done: () => void, patienceMs: number): () => void {
  // The content script's own window shares the page's frames (its isolated world draws with the page).
  const view = globalThis;
  if (typeof view.requestAnimationFrame !== 'function' || doc.hidden) {
    done();
    return () => {};
  }
  let finished = false;
  let frame = 0;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(fallback);
    view.cancelAnimationFrame(frame);
    done();
  };
  const fallback = setTimeout(finish, patienceMs);
  frame = view.requestAnimationFrame(() => {
    frame = view.requestAnimationFrame(finish);
  });
  return () => {
    finished = true;
    clearTimeout(fallback);
    view.cancelAnimationFrame(frame);
  };
}
