// Waits until the page has drawn two more frames, then calls `done(true)` once. The page's own animation
// callbacks of those frames run before ours, so a count-up still under way has moved on by then. The answer
// comes in a task right after the second frame, not in its callback: a read there held up that frame's paint
// (on a big page, frames at the edge of a long task went over it). A hidden page draws no frames (and its
// animations stand still), so it goes after `hiddenMs` (never synchronously: a caller that waits again in
// `done` must not spin); a page that draws none within `patienceMs` goes anyway rather than never, as
// `done(false)`: no frame was seen.

export function afterDrawnFrames(
  doc: Document,
  done: (drew: boolean) => void,
  patienceMs: number,
  hiddenMs = 100,
): () => void {
  // The content script's own window shares the page's frames (its isolated world draws with the page).
  const view = globalThis;
  let finished = false;
  let frame = 0;
  let afterFrame: ReturnType<typeof setTimeout> | undefined;
  const finish = (drew: boolean) => {
    if (finished) return;
    finished = true;
    clearTimeout(fallback);
    clearTimeout(afterFrame);
    if (frame) view.cancelAnimationFrame(frame);
    done(drew);
  };
  const drawsFrames = typeof view.requestAnimationFrame === 'function' && !doc.hidden;
  // A hidden page's animations stand still: what it shows after `hiddenMs` counts as held still.
  const fallback = setTimeout(() => finish(!drawsFrames), drawsFrames ? patienceMs : hiddenMs);
  if (drawsFrames)
    frame = view.requestAnimationFrame(() => {
      frame = view.requestAnimationFrame(() => {
        frame = 0;
        afterFrame = setTimeout(() => finish(true), 0);
      });
    });
  return () => {
    finished = true;
    clearTimeout(fallback);
    clearTimeout(afterFrame);
    if (frame) view.cancelAnimationFrame(frame);
  };
}
