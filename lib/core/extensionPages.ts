// Paths of the extension's own pages, for the code that opens or looks for them.

/** The side panel. */
export const PANEL_PAGE = '/sidepanel.html';
/** The session history (list, export, import, delete): once the toolbar popup, now a page of its own. */
export const SESSIONS_PAGE = '/popup.html';
