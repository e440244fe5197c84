// Manifest-style match patterns (`https://host/path*`), the same form as PLATFORM_MATCHES.

const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');

/** Each pattern's expression, made once: the adapters' patterns are tried on every start and frame check. */
const compiled = new Map<string, RegExp>();

function patternExpression(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  const m = /^(\*|https?):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`bad match pattern: ${pattern}`);
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const hostRe =
    host === '*' ? '[^/]*' : host.startsWith('*.') ? `(?:[^/]*\\.)?${esc(host.slice(2))}` : esc(host);
  re = new RegExp(`^${scheme === '*' ? 'https?' : scheme}://${hostRe}(?::\\d+)?${esc(path)}$`);
  compiled.set(pattern, re);
  return re;
}

/** True when `url` (path, query and hash included) matches the pattern. */
export function matchesPattern(url: URL, pattern: string): boolean {
  return patternExpression(pattern).test(`${url.protocol}//${url.host}${url.pathname}${url.search}`);
}

/** The first of `params` present in the URL's query, as `name=value`. */
export function queryKey(url: URL, params: readonly string[]): string | undefined {
  for (const name of params) {
    const value = url.searchParams.get(name);
    if (value) return `${name}=${value}`;
  }
  return undefined;
}

/** A room key from the first of `params` in the query, else the page's host and path. */
export const keyByQuery =
  (...params: string[]) =>
  (url: URL): string =>
    queryKey(url, params) ?? `${url.host}${url.pathname}`;
