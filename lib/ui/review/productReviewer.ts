import type { PlanSlot } from '../../core/engine/types';
import type { LivecueDb } from '../../store/database';
import type { ProductReview } from './productReview';
import { type ProductReviewRequest, readProductReviewAnswer } from './productReviewMessages';
import { heldProductTable } from './reviewProductRows';

// The review's product table, computed in a worker where the page can start one (productReviewWorker.ts),
// else on the page's own thread: a long evening is ~200k rows to read and fold, a second of a thread the
// side panel shares. A worker that fails is left for the page's own thread, so the table still comes.

export interface ProductReviewer {
  review(db: LivecueDb, sessionId: string, end: number, plan: readonly PlanSlot[]): Promise<ProductReview>;
  dispose(): void;
}

/** What a reviewer needs of a worker: Worker's own surface. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent | ErrorEvent) => void): void;
  terminate(): void;
}

/** `spawn` starts the worker (undefined: none, the page computes the table itself). */
export function createProductReviewer(spawn?: () => WorkerLike): ProductReviewer {
  let worker: WorkerLike | undefined;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve(review: ProductReview): void; reject(error: Error): void }>();
  // The page's own reads, when it computes the table itself, keep their rows and fold as the worker's do.
  const table = heldProductTable();

  /** Leaves the worker for good; the requests it still owed fail with `why` (or are dropped, on dispose). */
  const stop = (why?: string) => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    if (why !== undefined) for (const [, wait] of waiting) wait.reject(new Error(why));
    waiting.clear();
  };

  const start = (): WorkerLike | undefined => {
    if (worker || broken || !spawn) return worker;
    try {
      worker = spawn();
    } catch (error) {
      console.warn('Livecue: no worker for the product table; it is computed on the page', error);
      broken = true;
      return undefined;
    }
    worker.addEventListener('message', (event) => {
      const answer = readProductReviewAnswer((event as MessageEvent).data);
      const wait = answer && waiting.get(answer.id);
      if (!answer || !wait) return;
      waiting.delete(answer.id);
      if (answer.ok) wait.resolve(answer.review);
      else wait.reject(new Error(answer.error));
    });
    worker.addEventListener('error', (event) =>
      stop(`the product worker failed: ${(event as ErrorEvent).message}`),
    );
    return worker;
  };

  return {
    async review(db, sessionId, end, plan) {
      const running = start();
      if (!running) return table.review(db, sessionId, end, plan);
      const id = nextId++;
      const request: ProductReviewRequest = { id, sessionId, end, plan: [...plan] };
      try {
        return await new Promise<ProductReview>((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          running.postMessage(request);
        });
      } catch (error) {
        console.warn(
          'Livecue: the product worker could not compute the table; it is computed on the page',
          error,
        );
        return table.review(db, sessionId, end, plan);
      }
    },
    dispose: () => stop(),
  };
}
