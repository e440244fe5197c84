import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Puts a saved page from test/fixtures (comments/… or sites/…) into the test's own document, attaching the
// open shadow roots it declares with <template shadowrootmode="open"> (happy-dom's parser does not).

export function loadCommentFixture(page: string): Document {
  const html = readFileSync(resolve(process.cwd(), 'test/fixtures', page), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    html,
    'text/html',
  ).documentElement.innerHTML;
  for (const template of [
    ...document.querySelectorAll('template[shadowrootmode]'),
  ] as HTMLTemplateElement[]) {
    const host = template.parentElement!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = template.innerHTML;
    template.remove();
  }
  return document;
}

/** Every root a selector may match in: the document and its open shadow roots. */
export function allRoots(doc: Document): ParentNode[] {
  return [doc, ...[...doc.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
}

/** Lets the MutationObserver deliver its records. */
export const settle = () => new Promise((done) => setTimeout(done, 0));
