import { afterEach, expect, it, vi } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import { productReview } from '../../../../lib/ui/review/productReview';
import { createProductReviewer, type WorkerLike } from '../../../../lib/ui/review/productReviewer';
import {
  type ProductReviewAnswer,
  readProductReviewRequest,
} from '../../../../lib/ui/review/productReviewMessages';
import { loadReviewProducts } from '../../../../lib/ui/review/reviewProductRows';

// The review's product table, computed by a worker the page starts (or on the page when it cannot): the
// same table either way, and a worker that fails never keeps the table from coming.

const T = Date.UTC(2026, 11, 7, 20);
const SESSION = `tiktok:room:${T}`;
let db: LivecueDb;
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

async function evening() {
  db = new LivecueDb(`reviewer-${Math.random()}`);
  await db.productSnapshots.bulkPut([
    {
      sessionId: SESSION,
      productId: 'scarf',
      ts: T,
      name: '羊绒围巾',
      price: 199,
      metrics: { sold: 1, gmv: 199 },
    },
    { sessionId: SESSION, productId: 'scarf', ts: T + 60_000, metrics: { sold: 6, gmv: 1194 } },
    { sessionId: SESSION, productId: 'mug', ts: T, name: 'Mug', price: 19, metrics: { sold: 2 } },
  ]);
  await db.productPins.put({ sessionId: SESSION, ts: T, productId: 'scarf' });
}

const plan = [{ name: '羊绒围巾', minutes: 5 }];
const onThePage = async () => productReview(await loadReviewProducts(db, SESSION), T + 120_000, plan);

/** A worker in this thread: it answers each request as the real one does (or as `answer` says). */
function fakeWorker(answer?: (request: unknown) => ProductReviewAnswer | 'crash' | undefined) {
  const listeners = {
    message: [] as ((event: MessageEvent) => void)[],
    error: [] as ((event: ErrorEvent) => void)[],
  };
  const requests: unknown[] = [];
  const worker: WorkerLike & { terminated: boolean } = {
    terminated: false,
    postMessage(message) {
      requests.push(message);
      void (async () => {
        const given = answer?.(message);
        if (given === 'crash') {
          for (const l of listeners.error) l({ message: 'out of memory' } as ErrorEvent);
          return;
        }
        const read = readProductReviewRequest(message);
        const reply: ProductReviewAnswer =
          given ??
          (read.ok
            ? {
                id: read.request.id,
                ok: true,
                review: productReview(
                  await loadReviewProducts(db, read.request.sessionId),
                  read.request.end,
                  read.request.plan,
                ),
              }
            : { id: -1, ok: false, error: read.error });
        for (const l of listeners.message) l({ data: reply } as MessageEvent);
      })();
    },
    addEventListener(type, listener) {
      (listeners[type] as unknown[]).push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return { worker, requests };
}

it('asks the worker for the table and gets the one the page would compute', async () => {
  await evening();
  const { worker, requests } = fakeWorker();
  const spawn = vi.fn(() => worker);
  const reviewer = createProductReviewer(spawn);
  const table = await reviewer.review(db, SESSION, T + 120_000, plan);
  expect(table).toEqual(await onThePage());
  expect(table.rows.map((row) => [row.name, row.slotSold, row.plannedMin])).toEqual([
    ['羊绒围巾', 5, 5],
    ['Mug', null, null],
  ]);
  // One worker for every table the page asks for.
  await reviewer.review(db, SESSION, T + 120_000, plan);
  expect(spawn).toHaveBeenCalledTimes(1);
  expect(requests).toEqual([
    { id: 1, sessionId: SESSION, end: T + 120_000, plan },
    { id: 2, sessionId: SESSION, end: T + 120_000, plan },
  ]);
  reviewer.dispose();
  expect(worker.terminated).toBe(true);
});

it('computes the table on the page when the worker cannot, says why, and keeps using a worker that answered', async () => {
  await evening();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  let fail = true;
  const { worker } = fakeWorker((request) => {
    const id = (request as { id: number }).id;
    return fail ? { id, ok: false, error: 'QuotaExceededError' } : undefined;
  });
  const reviewer = createProductReviewer(() => worker);
  expect(await reviewer.review(db, SESSION, T + 120_000, plan)).toEqual(await onThePage());
  expect(warn).toHaveBeenCalledWith(
    'Livecue: the product worker could not compute the table; it is computed on the page',
    expect.objectContaining({ message: 'QuotaExceededError' }),
  );
  fail = false;
  expect(await reviewer.review(db, SESSION, T + 120_000, plan)).toEqual(await onThePage());
  expect(worker.terminated).toBe(false);
});

it('leaves a worker that crashed, and one that could not start, for the page', async () => {
  await evening();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const { worker, requests } = fakeWorker(() => 'crash');
  const reviewer = createProductReviewer(() => worker);
  expect(await reviewer.review(db, SESSION, T + 120_000, plan)).toEqual(await onThePage());
  expect(worker.terminated).toBe(true);
  // The next table is computed on the page without asking the dead worker.
  expect(await reviewer.review(db, SESSION, T + 120_000, plan)).toEqual(await onThePage());
  expect(requests).toHaveLength(1);

  const unstarted = createProductReviewer(() => {
    throw new Error('Workers are not allowed here');
  });
  expect(await unstarted.review(db, SESSION, T + 120_000, plan)).toEqual(await onThePage());
  expect(warn).toHaveBeenCalledTimes(2);
});

it('computes on the page with no worker at all, and a worker refuses what is not a request', async () => {
  await evening();
  expect(await createProductReviewer().review(db, SESSION, T + 120_000, [])).toEqual(
    productReview(await loadReviewProducts(db, SESSION), T + 120_000, []),
  );
  expect(readProductReviewRequest({ id: 1, sessionId: '', end: 0, plan: [] }).ok).toBe(false);
  expect(readProductReviewRequest({ id: 1, sessionId: 's', end: 'later', plan: [] }).ok).toBe(false);
  expect(
    readProductReviewRequest({ id: 1, sessionId: 's', end: 0, plan: [{ name: 'x', minutes: -1 }] }).ok,
  ).toBe(false);
  expect(readProductReviewRequest({ id: 1, sessionId: 's', end: 0, plan: [] })).toEqual({
    ok: true,
    request: { id: 1, sessionId: 's', end: 0, plan: [] },
  });
});
