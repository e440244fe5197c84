import { afterAll, vi } from 'vitest';
import { blankDocument } from './blankDocument';

// The happy-dom files share one window (the dom project runs without isolation: a fresh window and module
// graph per file was most of their time). What one file leaves in that window must not reach the next:
// after each file its timers and fetches are cancelled, the clock is real again, and the document and the
// storages are as a fresh window has them. Evaluated again for every file (a setup file).
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await (globalThis as unknown as { happyDOM: { abort(): Promise<void> } }).happyDOM.abort();
  blankDocument(document);
  localStorage.clear();
  sessionStorage.clear();
});
