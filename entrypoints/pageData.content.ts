import { installPageJsonTap } from '../lib/room/products/pageJsonTap';
import { PLATFORM_MATCHES } from '../lib/room/sites/platformMatches';

// The page-data tap, in the page's own world from document_start so it sees the dashboard's first calls:
// it only watches the page's own product responses and hands them to the content script (content/index.ts),
// which checks them as page data. Same pages as the content script (the e2e build adds localhost to both).
export default defineContentScript({
  matches: [...PLATFORM_MATCHES],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installPageJsonTap(window);
  },
});
