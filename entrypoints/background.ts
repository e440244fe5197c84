import { createBackgroundServices } from '../lib/worker/services';
import { setupAlarms } from '../lib/worker/setupAlarms';
import { setupCommands } from '../lib/worker/setupCommands';
import { setupRoomPort } from '../lib/worker/setupRoomPort';
import { setupSidePanel } from '../lib/worker/setupSidePanel';
import { setupSiteAccess } from '../lib/worker/setupSiteAccess';

// Wiring only: every listener is registered synchronously in the worker's first turn.
export default defineBackground(() => {
  const services = createBackgroundServices();
  setupRoomPort(services);
  setupCommands(services);
  setupAlarms(services);
  setupSidePanel();
  setupSiteAccess();
});
