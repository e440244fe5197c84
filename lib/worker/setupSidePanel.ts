import { PANEL_PAGE } from '../core/extensionPages';
import { OPEN_GATE, type StartupGate } from './startupGate';

// The side panel is the main face, and the toolbar button opens it (so does the `_execute_action` shortcut,
// Alt+Shift+L by default). Chrome keeps the behaviour across restarts; setting it at every start also
// covers a profile that had the popup before. No listener here: it waits for the first samples (startup).
export function setupSidePanel(startup: Pick<StartupGate, 'later'> = OPEN_GATE): void {
  startup.later(setPanel);
}

function setPanel(): void {
  const sidePanel = (
    globalThis as {
      chrome?: {
        sidePanel?: {
          setOptions(o: object): Promise<void>;
          setPanelBehavior(b: { openPanelOnActionClick: boolean }): Promise<void>;
        };
      };
    }
  ).chrome?.sidePanel;
  void sidePanel?.setOptions({ path: PANEL_PAGE.slice(1), enabled: true }).catch(() => {});
  void sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
}
