import { MAX_PAGE_JSON_CHARS, PAGE_JSON_HELLO, pageJsonPathOf } from './pageJsonPaths';

// Runs in the page's own world (entrypoints/pageData.content.ts, document_start) and watches the responses
// the page's own fetch / XMLHttpRequest calls get on the few paths in pageJsonPaths.ts. It never sends a
// request, signs nothing and changes nothing: fetch's Response is cloned and read on the side, an XHR gets
// one extra load listener. Everything it passes on is raw text; the isolated world checks and parses it.
// The latest response per path is kept until the content script says hello (it starts later), then each goes
// on that script's private MessagePort. Any error here is swallowed: the page's call goes on untouched.

interface TapMessage {
  path: string;
  text: string;
}

export function installPageJsonTap(win: Window & typeof globalThis): void {
  const latest = new Map<string, TapMessage>();
  let port: MessagePort | undefined;

  const deliver = (url: string, text: string) => {
    if (text.length > MAX_PAGE_JSON_CHARS) return;
    const message: TapMessage = { path: url, text };
    if (port) {
      try {
        port.postMessage(message);
        return;
      } catch {
        port = undefined;
      }
    }
    latest.set(url.split('?')[0]!, message);
  };

  /** The watched path of a request URL (path and query, no origin), or undefined. */
  const watched = (input: unknown): string | undefined => {
    try {
      const raw =
        typeof input === 'string'
          ? input
          : input instanceof URL
            ? input.href
            : (input as Request | null)?.url;
      if (!raw) return undefined;
      const url = new URL(raw, win.location.href);
      return pageJsonPathOf(url.pathname) ? url.pathname + url.search : undefined;
    } catch {
      return undefined;
    }
  };

  // The content script's hello: its port replaces any earlier one (a reloaded extension says hello again).
  win.addEventListener('message', (event) => {
    if (event.source !== win || (event.data as { type?: unknown } | null)?.type !== PAGE_JSON_HELLO) return;
    const next = event.ports[0];
    if (!next) return;
    port = next;
    for (const message of latest.values()) deliver(message.path, message.text);
    latest.clear();
  });

  const originalFetch = win.fetch;
  if (typeof originalFetch === 'function') {
    const tapped = function (this: unknown, ...args: Parameters<typeof fetch>) {
      const result = originalFetch.apply(this, args);
      const url = watched(args[0]);
      if (url) {
        result.then(
          (response) => {
            try {
              if (!response.ok) return;
              response
                .clone()
                .text()
                .then((text) => deliver(url, text))
                .catch(() => {});
            } catch {}
          },
          () => {},
        );
      }
      return result;
    };
    win.fetch = tapped as typeof fetch;
  }

  const proto = win.XMLHttpRequest?.prototype;
  const originalOpen = proto?.open;
  if (proto && originalOpen) {
    // One listener per request object, reading the URL of its latest open() (a page may reuse an XHR).
    const urls = new WeakMap<XMLHttpRequest, string | undefined>();
    const onLoad = function (this: XMLHttpRequest) {
      try {
        const url = urls.get(this);
        if (!url || this.status < 200 || this.status >= 300) return;
        const type = this.responseType;
        if (type === '' || type === 'text') deliver(url, this.responseText);
        else if (type === 'json' && this.response !== null) deliver(url, JSON.stringify(this.response));
      } catch {}
    };
    proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        const url = watched(args[1]);
        if (url && !urls.has(this)) this.addEventListener('load', onLoad);
        if (url || urls.has(this)) urls.set(this, url);
      } catch {}
      return (originalOpen as (...a: unknown[]) => void).apply(this, args);
    } as typeof proto.open;
  }
}
