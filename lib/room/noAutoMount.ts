// WXT's shadow-root UI always carries `autoMount`, which pulls in an element waiter (~1.2 KB gzip).
// Livecue mounts its overlay by hand, so the build swaps the waiter for these stubs (wxt.config.ts)
// to keep the content script inside its 15 KB budget. Calling autoMount would fail loudly.

export function waitElement(): Promise<never> {
  return Promise.reject(new Error('Livecue does not use autoMount'));
}

export const isExist = (element: unknown): boolean => element !== null;
export const isNotExist = (element: unknown): boolean => element === null;
