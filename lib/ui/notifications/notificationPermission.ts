// Chrome's optional `notifications` permission, asked for only when the user turns urgent-cue
// notifications on, and given back when they turn them off.

export interface PermissionGate {
  has(): Promise<boolean>;
  /** Shows Chrome's prompt: call it straight from the click, Chrome asks only in answer to a gesture. */
  request(): Promise<boolean>;
  release(): Promise<void>;
}

const NOTIFICATIONS = { permissions: ['notifications' as const] };

export const notificationPermission: PermissionGate = {
  has: () => browser.permissions.contains(NOTIFICATIONS),
  request: () => browser.permissions.request(NOTIFICATIONS),
  // A build that holds the permission from the start (e2e) cannot give it back; that is fine.
  release: () =>
    browser.permissions.remove(NOTIFICATIONS).then(
      () => undefined,
      () => undefined,
    ),
};
