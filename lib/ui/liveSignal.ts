import { type Signal, signal } from '@preact/signals';
import { liveQuery } from 'dexie';

// A Dexie liveQuery held in a signal: components that read `.value` re-render when the rows change.

export interface LiveSignal<T> {
  value: Signal<T>;
  error: Signal<string | null>;
  /** Whether the query has answered yet (`value` holds the initial value until it does). */
  answered(): boolean;
  dispose(): void;
}

export function liveSignal<T>(query: () => Promise<T>, initial: T): LiveSignal<T> {
  const value = signal(initial);
  const error = signal<string | null>(null);
  let answered = false;
  const subscription = liveQuery(query).subscribe({
    next: (result) => {
      answered = true;
      value.value = result;
      error.value = null;
    },
    error: (failure: unknown) => {
      error.value = failure instanceof Error ? failure.message : String(failure);
    },
  });
  return { value, error, answered: () => answered, dispose: () => subscription.unsubscribe() };
}
