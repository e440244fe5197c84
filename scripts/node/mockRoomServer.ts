import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { mockRoomApi } from './mockRoomApi';

// Serves test/ over HTTP so /mock-room/ is the mock live room and /scenarios/NAME.json its scenarios.
// Vite compiles the room's TypeScript on the fly, so the room always runs the current lib/scenario code;
// /mock-room/api/… answers like a dashboard's own JSON calls (mockRoomApi.ts).

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface MockRoomServer {
  url: string;
  close(): Promise<void>;
}

export async function startMockRoomServer(port = 5178, host = '127.0.0.1'): Promise<MockRoomServer> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: `${PROJECT_ROOT}test`,
    logLevel: 'error',
    clearScreen: false,
    server: { port, host, strictPort: port !== 0, hmr: false, fs: { allow: [PROJECT_ROOT] } },
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [mockRoomApi()],
  });
  await server.listen();
  const address = server.httpServer?.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { url: `http://${host}:${actualPort}/mock-room/`, close: () => server.close() };
}
