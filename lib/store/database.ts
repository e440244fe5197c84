import { Dexie, type EntityTable, type Table } from 'dexie';
import { declareVersions } from './dbVersions';
import type { ProductBlockRow, ProductPackRow } from './productBlocks';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from './productRows';
import type { ActionRow, CommentRow, CueRow, SampleRow, SessionRow, SettingsRow } from './rows';
import type { SampleBlockRow, SamplePackRow } from './sampleBlocks';

// The Dexie database `livecue` (DESIGN.md §5). The background is its only writer; pages read it with
// liveQuery. Schema versions and their upgrades live in dbVersions.ts.

export class LivecueDb extends Dexie {
  sessions!: EntityTable<SessionRow, 'id'>;
  samples!: Table<SampleRow, [string, number]>;
  comments!: Table<CommentRow, [string, number]>;
  cues!: EntityTable<CueRow, 'id'>;
  actions!: EntityTable<ActionRow, 'id'>;
  settings!: EntityTable<SettingsRow, 'key'>;
  /** Ended sessions' samples packed for fast reading (v3); `samples` stays the source of truth. */
  sampleBlocks!: Table<SampleBlockRow, [string, number]>;
  samplePacks!: EntityTable<SamplePackRow, 'sessionId'>;
  /** Per-product values as they changed (v5), and the pinned / explained product over time. */
  productSnapshots!: Table<ProductSnapshotRow, [string, string, number]>;
  productPins!: Table<ProductPinRow, [string, number]>;
  /** Each product's latest values per session (v6), folded from its snapshots as they are written. */
  productLatest!: Table<ProductLatestRow, [string, string]>;
  /** Older product snapshots packed for fast reading (v7); `productSnapshots` stays the source of truth. */
  productBlocks!: Table<ProductBlockRow, [string, number]>;
  productPacks!: EntityTable<ProductPackRow, 'sessionId'>;

  constructor(name = 'livecue') {
    super(name);
    declareVersions(this);
  }
}

/**
 * The database handle; Dexie opens it (creating or upgrading as needed) on the first query, so pages can
 * call this at load and wrap queries in liveQuery at once. The name is only changed by tests.
 */
export function openLivecueDb(name = 'livecue'): LivecueDb {
  return new LivecueDb(name);
}
