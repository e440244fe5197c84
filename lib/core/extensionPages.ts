// Paths of the extension's own pages, for the code that opens or looks for them.

/** The side panel. */
export const PANEL_PAGE = '/sidepanel.html';
/** The session history (list, export, import, delete): a page of its own, opened from the panel and the toolbar button's menu. */
export const SESSIONS_PAGE = '/sessions.html';
