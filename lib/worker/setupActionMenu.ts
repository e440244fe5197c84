// The toolbar button opens the side panel; its right-click menu keeps the session history (list, export,
// import, delete — the sessions page) one click away, as the panel's own link does.

import { SESSIONS_PAGE } from '../core/extensionPages';

export const SESSIONS_MENU_ID = 'livecue-sessions';

export function setupActionMenu(): void {
  // Menu items persist with the profile: created once per install or update, not at every worker start.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: SESSIONS_MENU_ID, title: browser.i18n.getMessage('menuSessions'), contexts: ['action'] },
      // Reading lastError tells Chrome the duplicate after an update is expected.
      () => void browser.runtime.lastError,
    );
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== SESSIONS_MENU_ID) return;
    void browser.tabs.create({ url: browser.runtime.getURL(SESSIONS_PAGE) });
  });
}
