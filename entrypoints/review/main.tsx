import { computed } from '@preact/signals';
import { render } from 'preact';
import { ReviewApp } from '../../components/review/ReviewApp';
import type { LocaleSetting } from '../../lib/core/i18n/translate';
import { openLivecueDb } from '../../lib/store/database';
import { readSettings } from '../../lib/store/readSettings';
import { liveSignal } from '../../lib/ui/liveSignal';
import { loadReview, type ReviewData } from '../../lib/ui/review/reviewQueries';
import '../../components/common/lightPage.css';
import './review.css';

// Wiring only: /review.html?session=ID reads that session live (a review of a running show updates).
const db = openLivecueDb();
const sessionId = new URLSearchParams(location.search).get('session') ?? '';
const review = liveSignal<ReviewData | null | undefined>(
  () => (sessionId ? loadReview(db, sessionId) : Promise.resolve(null)),
  undefined,
);
const settings = liveSignal(async () => (await readSettings(db)).settings.locale, 'auto' as LocaleSetting);
const data = computed(() => (review.error.value ? null : review.value.value));
render(<ReviewApp data={data} localeSetting={settings.value} />, document.getElementById('app')!);
addEventListener('pagehide', () => {
  review.dispose();
  settings.dispose();
});
