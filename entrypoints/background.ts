// First: it notes when the modules began to run, before the others evaluate (e2e builds; coldStartClock.ts).
import { modulesStartedAt } from '../lib/worker/coldStartClock';
import { startColdStartProbe } from '../lib/worker/coldStartProbe';
import { watchOpenCues } from '../lib/worker/openCueWatch';
import { setupPanelPush } from '../lib/worker/panelPush';
import { createBackgroundServices } from '../lib/worker/services';
import { setupActionMenu } from '../lib/worker/setupActionMenu';
import { setupAlarms } from '../lib/worker/setupAlarms';
import { setupBadge } from '../lib/worker/setupBadge';
import { commandHandlers, runCommand, setupCommands } from '../lib/worker/setupCommands';
import { setupNotifications } from '../lib/worker/setupNotifications';
import { setupRoomPort } from '../lib/worker/setupRoomPort';
import { setupSamplePacking } from '../lib/worker/setupSamplePacking';
import { setupShortcuts } from '../lib/worker/setupShortcuts';
import { setupSidePanel } from '../lib/worker/setupSidePanel';
import { setupSiteAccess } from '../lib/worker/setupSiteAccess';

// Wiring only: every listener is registered synchronously in the worker's first turn. What a start does
// besides (the open-cue watch, the alarms' and sites' checks) waits for services.startup: the first samples
// a restarted worker was woken for are stored first.
export default defineBackground(() => {
  // e2e builds time their own cold start for `npm run bench`; production builds drop this.
  const probe = import.meta.env.MODE === 'e2e' ? startColdStartProbe('livecue', modulesStartedAt) : undefined;
  const services = createBackgroundServices();
  setupRoomPort(services);
  setupPanelPush(services.panels);
  setupCommands(services);
  setupAlarms(services);
  setupSidePanel(services.startup);
  setupSiteAccess(services.startup);
  setupActionMenu();
  setupSamplePacking(services.db, services.startup);
  // Acting from anywhere: shortcuts and notification buttons go through the panel's own command path;
  // the badge and the notifications follow the open rooms' cues in the database, as the panel does.
  const handlers = commandHandlers(services);
  const run = (command: Parameters<typeof runCommand>[1]) => runCommand(handlers, command);
  const openCues = watchOpenCues(services.db, services.startup);
  setupShortcuts(services.db, run);
  setupBadge(openCues, services.settings);
  setupNotifications(openCues, services.settings, run);
  probe?.ready();
});
