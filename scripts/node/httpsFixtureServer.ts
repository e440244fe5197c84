import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './mockRoomServer';

// Serves saved dashboard pages over HTTPS on loopback at their real URLs: Chromium resolves every host to
// this server (--host-resolver-rules) and accepts its self-signed certificate, so the built extension meets
// https://shop.tiktok.com/workbench/live/overview?room_id=… exactly as it would on the live site.

export const FIXTURE_DIR = join(PROJECT_ROOT, 'test/fixtures/sites');

export interface HttpsFixtureServer {
  port: number;
  /** Flags that send every host to this server and trust its certificate. */
  chromiumArgs: string[];
  close(): Promise<void>;
}

/** A self-signed certificate made once per machine with openssl (Debian's), kept in the temp folder. */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = join(tmpdir(), 'livecue-fixture-cert');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=livecue-fixtures',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/**
 * `routes` maps `host/path` (no query) to a fixture file name, or to a function giving the page's HTML for
 * the request's URL. Anything else is a 404.
 */
export async function startHttpsFixtureServer(
  routes: Record<string, string | ((url: URL) => string)>,
): Promise<HttpsFixtureServer> {
  const server = createServer(certificate(), (request, response) => {
    const url = new URL(request.url ?? '/', `https://${request.headers.host ?? 'localhost'}`);
    const route = routes[`${url.hostname}${url.pathname}`];
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const html = typeof route === 'function' ? route(url) : readFileSync(join(FIXTURE_DIR, route), 'utf8');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    chromiumArgs: [`--host-resolver-rules=MAP * 127.0.0.1:${port}`, '--ignore-certificate-errors'],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
