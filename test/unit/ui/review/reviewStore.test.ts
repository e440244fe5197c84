import { effect } from '@preact/signals';
import { afterEach, expect, it, vi } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import { createProductReviewer } from '../../../../lib/ui/review/productReviewer';
import { loadReview } from '../../../../lib/ui/review/reviewQueries';
import { createReviewStore } from '../../../../lib/ui/review/reviewStore';
import { sessionRow } from '../../historyFixtures';

let db: LivecueDb;
afterEach(async () => {
  await db.delete();
});

const until = (check: () => boolean) =>
  new Promise<void>((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 5));
    poll();
  });

const T = Date.UTC(2026, 11, 6, 12);
/** A show still going: no end, its last sample a second in. */
const live = sessionRow('room-1', T, { lastSampleAt: T + 1000 });

/** A running show with a product list: one sample and one product row. */
async function runningShow() {
  db = new LivecueDb(`review-${Math.random()}`);
  await db.sessions.put(live);
  await db.samples.put({ sessionId: live.id, ts: T + 1000, metrics: { viewers: 100 } });
  await db.productSnapshots.put({
    sessionId: live.id,
    productId: 'p1',
    ts: T + 1000,
    name: '羊绒围巾',
    metrics: { sold: 3 },
  });
}

/** A sample stored as the worker stores it: the row, and the session's last sample time with it. */
async function storeSample(second: number) {
  const ts = T + second * 1000;
  await db.transaction('rw', db.sessions, db.samples, async () => {
    await db.samples.put({ sessionId: live.id, ts, metrics: { viewers: 100 + second } });
    await db.sessions.update(live.id, { lastSampleAt: ts });
  });
}

it('is loading first, then null for a session that is not there, with the language setting read live', async () => {
  db = new LivecueDb(`review-${Math.random()}`);
  await db.settings.put({ key: 'settings', value: { locale: 'en' } });
  const store = createReviewStore(db, 'no-such-session');
  expect(store.data.value).toBeUndefined();
  await until(() => store.data.value !== undefined && store.localeSetting.value === 'en');
  expect(store.data.value).toBeNull();
  store.dispose();
});

it('is null at once when the page was opened without a session id', () => {
  db = new LivecueDb(`review-${Math.random()}`);
  const store = createReviewStore(db, '');
  expect(store.data.value).toBeNull();
  store.dispose();
});

it('shows the session before its product table, which follows', async () => {
  await runningShow();
  const store = createReviewStore(db, live.id);
  const seen: string[] = [];
  const stop = effect(() => {
    const data = store.data.value;
    if (data)
      seen.push(
        data.productsReading
          ? 'room, products reading'
          : `room, products ${data.productTable?.rows.map((row) => `${row.name} sold ${row.sold}`).join()}`,
      );
  });
  await until(() => store.data.value?.productTable !== undefined);
  expect(seen).toEqual(['room, products reading', 'room, products 羊绒围巾 sold 3']);
  expect(store.data.value?.samples).toHaveLength(1);
  stop();
  store.dispose();
});

it('reads a running show again after it stores samples: once after a read, not once per sample', async () => {
  await runningShow();
  let release: (() => void) | undefined;
  const reads: number[] = [];
  const store = createReviewStore(db, live.id, {
    minGapMs: 0,
    loadRoom: async (...args) => {
      reads.push(reads.length);
      const review = await loadReview(...args);
      // The second read, done, is held until the test has stored a burst of samples.
      if (reads.length === 2) await new Promise<void>((resolve) => (release = resolve));
      return review;
    },
  });
  await until(() => store.data.value?.productTable !== undefined);
  await storeSample(2);
  await until(() => release !== undefined);
  for (let second = 3; second <= 12; second++) await storeSample(second);
  release!();
  await until(() => store.data.value?.samples.length === 12);
  await new Promise((resolve) => setTimeout(resolve, 50));
  // The first read, the one held, and one more for the ten samples stored while it was held.
  expect(reads).toHaveLength(3);
  expect(store.data.value?.productTable?.rows).toHaveLength(1);
  store.dispose();
});

it('waits between reads of a running show a few times what a read took', async () => {
  await runningShow();
  let clock = 0;
  const starts: number[] = [];
  const timeouts = vi.spyOn(globalThis, 'setTimeout');
  const store = createReviewStore(db, live.id, {
    minGapMs: 10,
    gapPerReadTime: 4,
    now: () => clock,
    loadRoom: async (...args) => {
      starts.push(clock);
      const review = await loadReview(...args);
      clock += 10; // each read takes 10 ms on this clock
      return review;
    },
  });
  await until(() => store.data.value?.productTable !== undefined);
  await storeSample(2);
  await until(() => starts.length === 2);
  // The first read started at 0 and took 10: the next one was put 40 after its start, 30 after its end.
  const waits = timeouts.mock.calls.map((call) => call[1]).filter((ms) => ms === 30);
  expect(waits).toHaveLength(1);
  timeouts.mockRestore();
  store.dispose();
});

it('keeps showing the session when its product list cannot be read, and says a deleted session is gone', async () => {
  await runningShow();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const store = createReviewStore(db, live.id, {
    minGapMs: 0,
    products: {
      review: async () => {
        throw new Error('disk read failed');
      },
      dispose: () => {},
    },
  });
  await until(() => store.data.value != null && !store.data.value.productsReading);
  expect(store.data.value?.session.id).toBe(live.id);
  expect(store.data.value?.productTable).toBeUndefined();
  expect(warn).toHaveBeenCalledWith('Livecue: the review could not read the session', expect.any(Error));
  await db.sessions.delete(live.id);
  await until(() => store.data.value === null);
  warn.mockRestore();
  store.dispose();
});

it('reads nothing more once disposed', async () => {
  await runningShow();
  const products = createProductReviewer();
  const review = vi.spyOn(products, 'review');
  const dispose = vi.spyOn(products, 'dispose');
  const store = createReviewStore(db, live.id, { minGapMs: 0, products });
  await until(() => store.data.value?.productTable !== undefined);
  store.dispose();
  expect(dispose).toHaveBeenCalledTimes(1);
  await storeSample(2);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(review).toHaveBeenCalledTimes(1);
});
