import { startMockRoomServer } from './node/mockRoomServer';

// `npm run mock-room`: the mock live room alone (PORT env, default 5178).
const port = Number(process.env.PORT ?? 5178);
const server = await startMockRoomServer(port);
console.log(`Mock live room: ${server.url}?scenario=demo&speed=1`);
console.log('Scenarios are test/scenarios/NAME.json; Ctrl+C stops.');
