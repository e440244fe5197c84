// Manifest-style match patterns (`https://host/path*`), the same form as PLATFORM_MATCHES.

const cache = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const m = /^(\*|https?):\/\/([^/]*)(\/.*)$/.exec(pattern);
    if (!m) throw new Error(`bad match pattern: ${pattern}`);
    const [, scheme, host, path] = m as unknown as [string, string, string, string];
    const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    const hostRe =
      host === '*' ? '[^/]*' : host.startsWith('*.') ? `(?:[^/]*\\.)?${esc(host.slice(2))}` : esc(host);
    re = new RegExp(`^${scheme === '*' ? 'https?' : scheme}://${hostRe}(?::\\d+)?${esc(path)}$`);
    cache.set(pattern, re);
  }
  return re;
}

/** True when `url` (path, query and hash included) matches the pattern. */
export function matchesPattern(url: URL, pattern: string): boolean {
  return toRegExp(pattern).test(`${url.protocol}//${url.host}${url.pathname}${url.search}`);
}

/** The first of `params` present in the URL's query, as `name=value`. */
export function queryKey(url: URL, params: readonly string[]): string | undefined {
  for (const name of params) {
    const value = url.searchParams.get(name);
    if (value) return `${name}=${value}`;
  }
  return undefined;
}
