import type { ExportedFile } from './sessionsStore';

/**
 * Starts a download with an `<a download>` click on the file's object URL: no downloads permission
 * needed. Both files of a CSV export start in the same task, before the download bar can take focus
 * (which closed the page while it was the toolbar's popup).
 */
export function downloadFile(file: ExportedFile, doc: Document = document): void {
  const link = doc.createElement('a');
  link.href = file.url;
  link.download = file.name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
}
