import { openLivecueDb } from '../../store/database';
import { type ProductReviewAnswer, readProductReviewRequest } from './productReviewMessages';
import { heldProductTable, loadReviewProductsAtOnce } from './reviewProductRows';

// The review page's product worker: reads a session's product rows and computes its product table off the
// page's thread, which every extension page shares (the side panel's cues and tiles waited behind a long
// evening's read and fold for a second at each refresh of a running show). Wiring only.

let db: ReturnType<typeof openLivecueDb> | undefined;
// What the last request read and folded: a refresh of a running show reads and folds only what is new. The
// whole session is read at once: this thread is the worker's own.
const table = heldProductTable(loadReviewProductsAtOnce);

self.onmessage = async (event: MessageEvent) => {
  const read = readProductReviewRequest(event.data);
  const id = typeof event.data?.id === 'number' ? event.data.id : -1;
  let answer: ProductReviewAnswer;
  if (!read.ok) {
    answer = { id, ok: false, error: `not a product table request: ${read.error}` };
  } else {
    const { sessionId, end, plan } = read.request;
    try {
      db ??= openLivecueDb();
      answer = { id, ok: true, review: await table.review(db, sessionId, end, plan) };
    } catch (error) {
      answer = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  self.postMessage(answer);
};
