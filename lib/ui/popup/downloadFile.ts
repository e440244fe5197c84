import type { ExportedFile } from './popupStore';

/**
 * Starts a download with an `<a download>` click on the file's object URL: no downloads permission
 * needed. Both files of a CSV export start in the same task, before the download bar can take focus
 * and close the popup.
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
