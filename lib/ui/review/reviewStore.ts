import { computed, type ReadonlySignal } from '@preact/signals';
import type { LocaleSetting } from '../../core/i18n/translate';
import type { LivecueDb } from '../../store/database';
import { readSettings } from '../../store/readSettings';
import { liveSignal } from '../liveSignal';
import { loadReview, type ReviewData } from './reviewQueries';

// What the review page shows: one session read live (a review of a running show updates), and the
// language setting. undefined while loading; null when the session is missing or cannot be read.

export interface ReviewStore {
  data: ReadonlySignal<ReviewData | null | undefined>;
  localeSetting: ReadonlySignal<LocaleSetting>;
  dispose(): void;
}

export function createReviewStore(db: LivecueDb, sessionId: string): ReviewStore {
  const review = liveSignal<ReviewData | null | undefined>(
    () => (sessionId ? loadReview(db, sessionId) : Promise.resolve(null)),
    undefined,
  );
  const locale = liveSignal(async () => (await readSettings(db)).settings.locale, 'auto' as LocaleSetting);
  return {
    data: computed(() => (review.error.value ? null : review.value.value)),
    localeSetting: locale.value,
    dispose() {
      review.dispose();
      locale.dispose();
    },
  };
}
