/**
 * Empties `doc` back to the page a fresh window shows, `<html><head></head><body></body></html>`: no
 * attributes on the root, nothing in head or body (so no title, style or mounted page is left).
 */
export function blankDocument(doc: Document): void {
  const html = doc.documentElement;
  for (const name of html.getAttributeNames()) html.removeAttribute(name);
  html.replaceChildren(doc.createElement('head'), doc.createElement('body'));
}
