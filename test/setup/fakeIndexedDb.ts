// Gives node-environment tests an IndexedDB for Dexie; harmless where a test never opens one.
import 'fake-indexeddb/auto';
