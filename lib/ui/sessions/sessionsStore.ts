import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { fileStamp } from '../../core/format/formatClock';
import type { ImportCounts } from '../../core/messages/commands';
import { defaultSettings, type Settings } from '../../core/settings/settingsSchema';
import type { LivecueDb } from '../../store/database';
import { readSettings } from '../../store/readSettings';
import { type RetentionReport, readRetentionReport } from '../../store/retentionReport';
import type { SessionRow } from '../../store/rows';
import { exportSessionsCsv } from '../history/exportCsv';
import { exportSessionsJson } from '../history/exportJson';
import type { ExportProgress } from '../history/exportProgress';
import type { CsvResolution } from '../history/sampleTable';
import { filterSessions } from '../history/sessionFilter';
import { estimateStorage, type StorageUse } from '../history/storageUse';
import { type LiveSignal, liveSignal } from '../liveSignal';
import type { SendCommand } from '../sendCommand';
import { importMessageBytes, MAX_MESSAGE_BYTES } from './importMessageSize';

// What the sessions page shows and does. It reads the database directly (liveQuery) and writes only through
// commands to the background; exports are built here from the rows it can read.

export interface ExportedFile {
  /** Which file: the samples CSV, the cues CSV or the JSON. */
  kind: 'samples' | 'cues' | 'comments' | 'products' | 'json';
  name: string;
  blob: Blob;
  /** An object URL of the blob, alive until the next export or the page closes. */
  url: string;
}

export type Notice =
  | { kind: 'none' }
  /** What the import added, and what of the file was here already (left as it is). */
  | { kind: 'imported'; added: ImportCounts; alreadyHere: ImportCounts }
  | { kind: 'importFailed'; error: string }
  | { kind: 'importTooLarge'; megabytes: number }
  | { kind: 'deleted'; count: number }
  | { kind: 'deleteFailed'; error: string }
  | { kind: 'exportFailed'; error: string }
  | { kind: 'retentionSaved' }
  | { kind: 'settingFailed'; error: string }
  | { kind: 'retentionFailed'; error: string };

export interface SessionsStore {
  /** Every session, newest first; undefined while loading. */
  sessions: ReadonlySignal<SessionRow[] | undefined>;
  settings: ReadonlySignal<Settings>;
  search: Signal<string>;
  fromDate: Signal<string>;
  toDate: Signal<string>;
  visible: ReadonlySignal<SessionRow[]>;
  selected: ReadonlySignal<ReadonlySet<string>>;
  /** The chosen sessions that are still listed (a filter or a delete can hide some). */
  chosen: ReadonlySignal<SessionRow[]>;
  exportProgress: ReadonlySignal<ExportProgress | null>;
  exportedFiles: ReadonlySignal<ExportedFile[]>;
  confirmingDelete: Signal<boolean>;
  busy: ReadonlySignal<'export' | 'import' | 'delete' | null>;
  notice: ReadonlySignal<Notice>;
  storage: ReadonlySignal<StorageUse | null | undefined>;
  /** What the last retention run removed (null: it never removed anything). */
  retention: ReadonlySignal<RetentionReport | null>;

  toggle(sessionId: string): void;
  /** Selects every listed session, or clears the selection when all of them are already selected. */
  toggleAll(): void;
  exportCsv(resolution: CsvResolution): Promise<void>;
  exportJson(): Promise<void>;
  importJson(text: string): Promise<void>;
  deleteChosen(): Promise<void>;
  saveRetention(days: number): Promise<void>;
  /** Whether exports write commenters' names (the setting, saved through the background). */
  setHideUsers(hide: boolean): Promise<void>;
  refreshStorage(): Promise<void>;
  dispose(): void;
}

export interface SessionsStoreOptions {
  send: SendCommand;
  /** Starts the download of a finished file (an `<a download>` click on the page). */
  download: (file: ExportedFile) => void;
  storageEstimate?: () => Promise<StorageUse | null>;
  now?: () => number;
}

/** Room left in a message for what Chrome wraps around it. */
const MESSAGE_MARGIN_BYTES = 4096;

export function createSessionsStore(db: LivecueDb, options: SessionsStoreOptions): SessionsStore {
  const now = options.now ?? Date.now;
  const storageEstimate = options.storageEstimate ?? (() => estimateStorage());
  const queries: LiveSignal<unknown>[] = [];

  const sessionsQuery = liveSignal<SessionRow[] | undefined>(
    () => db.sessions.orderBy('startedAt').reverse().toArray(),
    undefined,
  );
  const settingsQuery = liveSignal(async () => (await readSettings(db)).settings, defaultSettings());
  const retentionQuery = liveSignal(() => readRetentionReport(db), null);
  queries.push(sessionsQuery, settingsQuery, retentionQuery);

  const search = signal('');
  const fromDate = signal('');
  const toDate = signal('');
  const selected = signal<ReadonlySet<string>>(new Set());
  const exportProgress = signal<ExportProgress | null>(null);
  const exportedFiles = signal<ExportedFile[]>([]);
  const confirmingDelete = signal(false);
  const busy = signal<'export' | 'import' | 'delete' | null>(null);
  const notice = signal<Notice>({ kind: 'none' });
  const storage = signal<StorageUse | null | undefined>(undefined);

  const visible = computed(() =>
    filterSessions(sessionsQuery.value.value ?? [], {
      text: search.value,
      fromDate: fromDate.value,
      toDate: toDate.value,
    }),
  );
  const chosen = computed(() => visible.value.filter((session) => selected.value.has(session.id)));

  const revokeFiles = () => {
    for (const file of exportedFiles.value) URL.revokeObjectURL(file.url);
    exportedFiles.value = [];
  };
  const finish = (files: Omit<ExportedFile, 'url'>[]) => {
    exportedFiles.value = files.map((file) => ({ ...file, url: URL.createObjectURL(file.blob) }));
    for (const file of exportedFiles.value) options.download(file);
  };

  async function runExport(build: (ids: string[]) => Promise<Omit<ExportedFile, 'url'>[]>): Promise<void> {
    const ids = chosen.value.map((session) => session.id);
    if (ids.length === 0 || busy.value) return;
    busy.value = 'export';
    notice.value = { kind: 'none' };
    revokeFiles();
    try {
      finish(await build(ids));
    } catch (error) {
      notice.value = { kind: 'exportFailed', error: error instanceof Error ? error.message : String(error) };
    } finally {
      busy.value = null;
      exportProgress.value = null;
    }
  }

  async function refreshStorage(): Promise<void> {
    storage.value = await storageEstimate();
  }

  const onProgress = (progress: ExportProgress) => {
    exportProgress.value = progress;
  };

  return {
    sessions: sessionsQuery.value,
    settings: settingsQuery.value,
    search,
    fromDate,
    toDate,
    visible,
    selected,
    chosen,
    exportProgress,
    exportedFiles,
    confirmingDelete,
    busy,
    notice,
    storage,
    retention: retentionQuery.value,

    toggle(sessionId) {
      const next = new Set(selected.value);
      if (next.has(sessionId)) next.delete(sessionId);
      else next.add(sessionId);
      selected.value = next;
    },
    toggleAll() {
      const listed = visible.value;
      const allChosen = listed.length > 0 && listed.every((session) => selected.value.has(session.id));
      selected.value = allChosen ? new Set() : new Set(listed.map((session) => session.id));
    },
    exportCsv(resolution) {
      return runExport(async (ids) => {
        const hideUsers = settingsQuery.value.peek().exportHideUsers;
        const files = await exportSessionsCsv(db, ids, { resolution, hideUsers }, onProgress);
        const stamp = fileStamp(now());
        return [
          {
            kind: 'samples' as const,
            name: `livecue-samples-per-${resolution}-${stamp}.csv`,
            blob: files.samples,
          },
          { kind: 'cues' as const, name: `livecue-cues-${stamp}.csv`, blob: files.cues },
          { kind: 'comments' as const, name: `livecue-comments-${stamp}.csv`, blob: files.comments },
          ...(files.products
            ? [{ kind: 'products' as const, name: `livecue-products-${stamp}.csv`, blob: files.products }]
            : []),
        ];
      });
    },
    exportJson() {
      return runExport(async (ids) => {
        const hideUsers = settingsQuery.value.peek().exportHideUsers;
        const blob = await exportSessionsJson(db, ids, onProgress, { hideUsers });
        return [{ kind: 'json' as const, name: `livecue-export-${fileStamp(now())}.json`, blob }];
      });
    },
    async importJson(text) {
      if (busy.value) return;
      // A file too big for one message would fail with an unclear error: say what to do instead.
      const bytes = importMessageBytes(text);
      if (bytes > MAX_MESSAGE_BYTES - MESSAGE_MARGIN_BYTES) {
        notice.value = { kind: 'importTooLarge', megabytes: Math.ceil(bytes / (1024 * 1024)) };
        return;
      }
      busy.value = 'import';
      notice.value = { kind: 'none' };
      const result = await options.send({ type: 'history.import', json: text });
      busy.value = null;
      if (!result.ok) {
        notice.value = { kind: 'importFailed', error: result.error };
        return;
      }
      notice.value = { kind: 'imported', added: result.data.added, alreadyHere: result.data.alreadyHere };
      await refreshStorage();
    },
    async deleteChosen() {
      const ids = chosen.value.map((session) => session.id);
      confirmingDelete.value = false;
      if (ids.length === 0 || busy.value) return;
      busy.value = 'delete';
      notice.value = { kind: 'none' };
      const result = await options.send({ type: 'history.delete', sessionIds: ids });
      busy.value = null;
      if (!result.ok) {
        notice.value = { kind: 'deleteFailed', error: result.error };
        return;
      }
      notice.value = { kind: 'deleted', count: result.data.deleted };
      const next = new Set(selected.value);
      for (const id of ids) next.delete(id);
      selected.value = next;
      await refreshStorage();
    },
    async saveRetention(days) {
      const result = await options.send({ type: 'settings.update', patch: { retentionDays: days } });
      notice.value = result.ok
        ? { kind: 'retentionSaved' }
        : { kind: 'retentionFailed', error: result.error };
    },
    async setHideUsers(hide) {
      const result = await options.send({ type: 'settings.update', patch: { exportHideUsers: hide } });
      if (!result.ok) notice.value = { kind: 'settingFailed', error: result.error };
    },
    refreshStorage,
    dispose() {
      for (const query of queries) query.dispose();
      revokeFiles();
    },
  };
}
