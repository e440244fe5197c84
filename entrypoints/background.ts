import { createBackgroundServices } from '../lib/background/services';
import { setupAlarms } from '../lib/background/setupAlarms';
import { setupCommands } from '../lib/background/setupCommands';
import { setupRoomPort } from '../lib/background/setupRoomPort';
import { setupSidePanel } from '../lib/background/setupSidePanel';

// Wiring only: every listener is registered synchronously in the worker's first turn.
export default defineBackground(() => {
  const services = createBackgroundServices();
  setupRoomPort(services);
  setupCommands(services);
  setupAlarms(services);
  setupSidePanel();
});
