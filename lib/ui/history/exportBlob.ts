// Collects an export file's text into Blobs of a few megabytes each: the file never sits in the JS heap
// whole, and Chromium is handed a few dozen large parts rather than one Blob per chunk of rows (measured in
// the export bench: each Blob made costs far more than its share of the bytes).

/** Characters held before they become a Blob: at most 32 MB of heap for text with Chinese in it. */
export const EXPORT_BLOB_CHARS = 16 * 1024 * 1024;

export interface ExportFile {
  /** Appends text to the file. */
  add(text: string): void;
  /** The file so far (the builder can go on). */
  blob(): Blob;
  /** Characters added. */
  readonly length: number;
}

export function createExportFile(type: string, limit = EXPORT_BLOB_CHARS): ExportFile {
  const blobs: Blob[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  let length = 0;
  const flush = () => {
    if (pending.length === 0) return;
    blobs.push(new Blob(pending));
    pending = [];
    pendingChars = 0;
  };
  return {
    add(text) {
      if (!text) return;
      pending.push(text);
      pendingChars += text.length;
      length += text.length;
      if (pendingChars >= limit) flush();
    },
    blob() {
      flush();
      return new Blob(blobs, { type });
    },
    get length() {
      return length;
    },
  };
}
