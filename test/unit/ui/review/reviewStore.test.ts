import { afterEach, expect, it } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import { createReviewStore } from '../../../../lib/ui/review/reviewStore';

let db: LivecueDb;
afterEach(async () => {
  await db.delete();
});

const until = (check: () => boolean) =>
  new Promise<void>((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 5));
    poll();
  });

it('is loading first, then null for a session that is not there, with the language setting read live', async () => {
  db = new LivecueDb(`review-${Math.random()}`);
  await db.settings.put({ key: 'settings', value: { locale: 'en' } });
  const store = createReviewStore(db, 'no-such-session');
  expect(store.data.value).toBeUndefined();
  await until(() => store.data.value !== undefined && store.localeSetting.value === 'en');
  expect(store.data.value).toBeNull();
  store.dispose();
});

it('is null at once when the page was opened without a session id', async () => {
  db = new LivecueDb(`review-${Math.random()}`);
  const store = createReviewStore(db, '');
  await until(() => store.data.value !== undefined);
  expect(store.data.value).toBeNull();
  store.dispose();
});
