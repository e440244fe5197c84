import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { createScenarioPlayer, type ScenarioPlayer } from '../../lib/core/scenario/scenarioPlayer';
import { parseScenario } from '../../lib/core/scenario/scenarioSchema';
import { productListBody, renamedProductListBody } from '../../test/mock-room/productListJson';

// The mock room's "server side": the page registers the scenario it plays (POST /mock-room/api/rooms/ID), then
// asks for its products the way a dashboard does (GET /mock-room/api/live_screen/product_list?room_id=ID&sec=S),
// and gets the scenario's product table at that second as a Douyin 罗盘-like body (money in fen). The numbers
// come from the same player as the page's table, so both sources a reader sees agree. `shape=renamed` answers
// under field names no reader knows (a dashboard update), `pinned=` carries an explain the operator clicked.

const MAX_ROOMS = 20;
const MAX_BODY = 5_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

export function mockRoomApi(): Plugin {
  const rooms = new Map<string, ScenarioPlayer>();
  return {
    name: 'livecue-mock-room-api',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://mock.local');
        const room = /^\/mock-room\/api\/rooms\/([\w-]{1,64})$/.exec(url.pathname);
        try {
          if (room && req.method === 'POST') {
            const parsed = parseScenario(JSON.parse(await readBody(req)));
            if (!parsed.ok) return send(res, 400, { st: 400, msg: parsed.error });
            rooms.set(room[1]!, createScenarioPlayer(parsed.scenario));
            while (rooms.size > MAX_ROOMS) rooms.delete(rooms.keys().next().value!);
            return send(res, 200, { st: 0 });
          }
          if (url.pathname === '/mock-room/api/live_screen/product_list' && req.method === 'GET') {
            const player = rooms.get(url.searchParams.get('room_id') ?? '');
            if (!player) return send(res, 200, { st: 404001, msg: 'room not found', data: null });
            const sec = Math.max(0, Number(url.searchParams.get('sec') ?? '0') || 0);
            const table = player.valuesAt(sec).productTable;
            const rows = table?.rows ?? [];
            const pinned = url.searchParams.get('pinned') ?? table?.pinnedId ?? null;
            return send(
              res,
              200,
              url.searchParams.get('shape') === 'renamed'
                ? renamedProductListBody(rows)
                : productListBody(rows, pinned),
            );
          }
        } catch (error) {
          return send(res, 500, { st: 500, msg: error instanceof Error ? error.message : String(error) });
        }
        next();
      });
    },
  };
}
