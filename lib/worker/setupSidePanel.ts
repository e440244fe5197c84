// The side panel is the main face; the toolbar button opens the popup (sessions and export), which links
// to the panel. Chrome only opens a panel on a user gesture, so nothing here opens it by itself.
export function setupSidePanel(): void {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: { setOptions(o: object): Promise<void> } } })
    .chrome?.sidePanel;
  void sidePanel?.setOptions({ path: 'sidepanel.html', enabled: true }).catch(() => {});
}
