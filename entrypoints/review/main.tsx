import { render } from 'preact';
import { ReviewApp } from '../../components/review/ReviewApp';
import { openLivecueDb } from '../../lib/store/database';
import { createProductReviewer } from '../../lib/ui/review/productReviewer';
import ProductReviewWorker from '../../lib/ui/review/productReviewWorker.ts?worker';
import { createReviewStore } from '../../lib/ui/review/reviewStore';
import '../../components/common/pageBase.css';
import '../../components/common/lightPage.css';
import './review.css';

// Wiring only: /review.html?session=ID reads that session live; its product table is computed in a worker.
const store = createReviewStore(openLivecueDb(), new URLSearchParams(location.search).get('session') ?? '', {
  products: createProductReviewer(() => new ProductReviewWorker()),
});
render(<ReviewApp data={store.data} localeSetting={store.localeSetting} />, document.getElementById('app')!);
addEventListener('pagehide', () => store.dispose());
