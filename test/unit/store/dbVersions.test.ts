import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LivecueDb, openLivecueDb } from '../../../lib/store/database';
import { declareVersions, LATEST_DB_VERSION } from '../../../lib/store/dbVersions';
import { sessionSnapshots } from '../../../lib/store/productQueries';

let dbCount = 0;
const freshName = () => `livecue-versions-${Date.now()}-${dbCount++}`;
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const health = { parsed: ['viewers' as const], failed: [], missing: [] };

describe('LivecueDb', () => {
  it('creates every table with the indexes the readers query by', async () => {
    const db = openLivecueDb(freshName());
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST_DB_VERSION);
    const indexes = Object.fromEntries(
      db.tables.map((table) => [
        table.name,
        [table.schema.primKey.name, ...table.schema.indexes.map((index) => index.name)],
      ]),
    );
    expect(indexes).toEqual({
      sessions: ['id', 'startedAt', 'lastSampleAt', '[site+roomKey]'],
      samples: ['[sessionId+ts]'],
      comments: ['[sessionId+ts]'],
      cues: ['id', 'sessionId', '[sessionId+firedAt]', 'status'],
      actions: ['id', '[sessionId+ts]'],
      settings: ['key'],
      sampleBlocks: ['[sessionId+ts]'],
      samplePacks: ['sessionId'],
      productSnapshots: ['[sessionId+productId+ts]', '[sessionId+ts]'],
      productPins: ['[sessionId+ts]'],
      productLatest: ['[sessionId+productId]'],
      productBlocks: ['[sessionId+ts]'],
      productPacks: ['sessionId'],
    });
  });

  it('keys samples by session and time, so writing one twice keeps one', async () => {
    const db = openLivecueDb(freshName());
    opened.push(db);
    const sample = { sessionId: 's1', ts: 1000, metrics: { viewers: 5 }, health };
    await db.samples.put(sample);
    await db.samples.put({ ...sample, metrics: { viewers: 6 } });
    expect(await db.samples.toArray()).toEqual([{ ...sample, metrics: { viewers: 6 } }]);
  });
});

describe('upgrade v1 → v2', () => {
  it('opens data written by v1 and fills each session summary from its samples and cues', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    declareVersions(v1, 1);
    await v1.open();
    const base = { site: 'douyin', roomKey: 'r1', title: '羊绒专场', ruleSettings: {} };
    await v1.table('sessions').bulkPut([
      {
        ...base,
        id: 'douyin:r1:1000',
        startedAt: 1000,
        lastSampleAt: 4000,
        endedAt: 4000,
        endReason: 'operator',
      },
      { ...base, id: 'douyin:r1:9000', startedAt: 9000, lastSampleAt: 9000 },
    ]);
    await v1.table('samples').bulkPut([
      { sessionId: 'douyin:r1:1000', ts: 1000, metrics: { viewers: 120, gmv: 0 }, health },
      { sessionId: 'douyin:r1:1000', ts: 2000, metrics: { viewers: 340, gmv: 1999 }, health },
      { sessionId: 'douyin:r1:1000', ts: 3000, metrics: { viewers: 200, gmv: null }, health },
      { sessionId: 'douyin:r1:1000', ts: 4000, metrics: { viewers: null, gmv: 2500.5 }, health },
    ]);
    const cue = {
      sessionId: 'douyin:r1:1000',
      ruleId: 'traffic-drop',
      severity: 'act',
      title: 't',
      detail: 'd',
    };
    await v1.table('cues').bulkPut([
      { ...cue, id: 'c1', firedAt: 2000, status: 'done' },
      { ...cue, id: 'c2', firedAt: 3000, status: 'dismissed' },
      { ...cue, id: 'c3', firedAt: 3500, status: 'expired' },
    ]);
    v1.close();

    // Opened as v2 exactly, so this checks the v1 → v2 step alone.
    const db = new Dexie(name);
    declareVersions(db, 2);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(2);
    const [older, newer] = await db.table('sessions').orderBy('startedAt').toArray();
    expect(older).toMatchObject({
      id: 'douyin:r1:1000',
      endReason: 'operator',
      peakViewers: 340,
      gmv: 2500.5,
      cuesFired: 3,
      cuesActed: 1,
    });
    expect(newer).toMatchObject({
      id: 'douyin:r1:9000',
      peakViewers: null,
      gmv: null,
      cuesFired: 0,
      cuesActed: 0,
    });
    expect(await db.table('samples').count()).toBe(4);
  });
});

describe('upgrade v1 → latest at once', () => {
  it('brings a v1 database through every step, those declared only for their upgrade included', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    declareVersions(v1, 1);
    await v1.open();
    const session = {
      id: 'douyin:r1:1000',
      site: 'douyin',
      roomKey: 'r1',
      title: '羊绒专场',
      ruleSettings: {},
      startedAt: 1000,
      lastSampleAt: 2000,
    };
    await v1.table('sessions').put(session);
    await v1
      .table('samples')
      .put({ sessionId: session.id, ts: 2000, metrics: { viewers: 80, gmv: 99 }, health });
    v1.close();

    const db = new LivecueDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST_DB_VERSION);
    expect(await db.sessions.get(session.id)).toEqual({
      ...session,
      peakViewers: 80,
      gmv: 99,
      cuesFired: 0,
      cuesActed: 0,
      commentCount: 0,
    });
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      [
        'actions',
        'comments',
        'cues',
        'productBlocks',
        'productLatest',
        'productPacks',
        'productPins',
        'productSnapshots',
        'sampleBlocks',
        'samplePacks',
        'samples',
        'sessions',
        'settings',
      ].sort(),
    );
    await db.productPins.put({ sessionId: session.id, ts: 2000, productId: null });
    expect(await db.productPins.count()).toBe(1);
  });
});

describe('upgrade v2 → v3', () => {
  it('opens data written by v2, keeps every row, counts no comments yet and stores comments by session and time', async () => {
    const name = freshName();
    const v2 = new Dexie(name);
    declareVersions(v2, 2);
    await v2.open();
    const session = {
      id: 'kuaishou:r1:1000',
      site: 'kuaishou',
      roomKey: 'r1',
      title: '羊绒专场',
      startedAt: 1000,
      lastSampleAt: 5000,
      ruleSettings: {},
      peakViewers: 120,
      gmv: 880,
      cuesFired: 2,
      cuesActed: 1,
    };
    await v2.table('sessions').put(session);
    await v2.table('samples').put({ sessionId: session.id, ts: 5000, metrics: { viewers: 120 }, health });
    v2.close();

    // Opened as v3 exactly, so this checks the v2 → v3 step alone.
    const db = new Dexie(name);
    declareVersions(db, 3);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.table('sessions').get(session.id)).toEqual({ ...session, commentCount: 0 });
    expect(await db.table('samples').count()).toBe(1);

    const comment = {
      sessionId: session.id,
      ts: 4000,
      user: '小王',
      text: '多大码',
      topics: ['size' as const],
    };
    await db.table('comments').bulkPut([comment, { ...comment, ts: 4001, text: '165穿什么码' }]);
    await db.table('comments').put(comment);
    expect((await db.table('comments').toArray()).map((row) => row.ts)).toEqual([4000, 4001]);
  });
});

describe('upgrade v3 → v4', () => {
  it('opens data written by v3 unchanged, comments included, with empty tables for packed samples', async () => {
    const name = freshName();
    const v3 = new Dexie(name);
    declareVersions(v3, 3);
    await v3.open();
    const session = {
      id: 'douyin:r1:1000',
      site: 'douyin',
      roomKey: 'r1',
      title: '羊绒专场',
      ruleSettings: {},
      startedAt: 1000,
      lastSampleAt: 2000,
      endedAt: 2000,
      endReason: 'room-ended',
      peakViewers: 340,
      gmv: 1999,
      cuesFired: 0,
      cuesActed: 0,
      commentCount: 1,
    };
    const samples = [
      { sessionId: session.id, ts: 1000, metrics: { viewers: 120, gmv: 0 }, health },
      { sessionId: session.id, ts: 2000, metrics: { viewers: 340, gmv: 1999 }, product: null, health },
    ];
    const comments = [{ sessionId: session.id, ts: 1500, user: '小王', text: '多大码', topics: ['size'] }];
    await v3.table('sessions').put(session);
    await v3.table('samples').bulkPut(samples);
    await v3.table('comments').bulkPut(comments);
    v3.close();

    const db = new LivecueDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST_DB_VERSION);
    expect(await db.sessions.toArray()).toEqual([session]);
    expect(await db.samples.toArray()).toEqual(samples);
    expect(await db.comments.toArray()).toEqual(comments);
    expect(await db.sampleBlocks.count()).toBe(0);
    expect(await db.samplePacks.count()).toBe(0);
  });
});

describe('upgrade v4 → v5', () => {
  it('opens data written by v4 unchanged, packed samples included, with empty product tables', async () => {
    const name = freshName();
    const v4 = new Dexie(name);
    declareVersions(v4, 4);
    await v4.open();
    const session = {
      id: 'tiktok:r9:1000',
      site: 'tiktok',
      roomKey: 'r9',
      title: 'Scarf night',
      ruleSettings: {},
      startedAt: 1000,
      lastSampleAt: 2000,
      endedAt: 2000,
      endReason: 'operator',
      peakViewers: 90,
      gmv: 59,
      cuesFired: 0,
      cuesActed: 0,
      commentCount: 0,
    };
    const samples = [
      {
        sessionId: session.id,
        ts: 1000,
        metrics: { viewers: 90 },
        product: { id: '1729', name: 'Cashmere scarf', price: 59 },
        health,
      },
    ];
    const pack = { sessionId: session.id, count: 1, blocks: 1, packedAt: 3000 };
    await v4.table('sessions').put(session);
    await v4.table('samples').bulkPut(samples);
    await v4.table('samplePacks').put(pack);
    v4.close();

    const db = new LivecueDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST_DB_VERSION);
    expect(await db.sessions.toArray()).toEqual([session]);
    expect(await db.samples.toArray()).toEqual(samples);
    expect(await db.samplePacks.toArray()).toEqual([pack]);
    expect(await db.productSnapshots.count()).toBe(0);
    expect(await db.productPins.count()).toBe(0);

    // The new tables take a product's history as one key range, and a session's in time order.
    await db.productSnapshots.bulkPut([
      { sessionId: session.id, productId: 'b', ts: 1000, metrics: { stock: 40 } },
      { sessionId: session.id, productId: 'a', ts: 2000, metrics: { stock: 9 } },
      { sessionId: session.id, productId: 'a', ts: 1000, name: 'Scarf', metrics: { stock: 10, sold: 0 } },
    ]);
    const ofA = await db.productSnapshots
      .where('[sessionId+productId+ts]')
      .between([session.id, 'a', Dexie.minKey], [session.id, 'a', Dexie.maxKey])
      .toArray();
    expect(ofA.map((row) => row.ts)).toEqual([1000, 2000]);
    const inTime = await db.productSnapshots
      .where('[sessionId+ts]')
      .between([session.id, Dexie.minKey], [session.id, Dexie.maxKey])
      .toArray();
    expect(inTime.map((row) => `${row.ts}:${row.productId}`)).toEqual(['1000:a', '1000:b', '2000:a']);
  });
});

describe('upgrade v5 → v6', () => {
  it("folds each stored session's snapshots into its products' latest values", async () => {
    const name = freshName();
    const v5 = new Dexie(name);
    declareVersions(v5, 5);
    await v5.open();
    // Out of time order on purpose, an unreadable value (null) included, and a second session apart.
    await v5.table('productSnapshots').bulkPut([
      { sessionId: 's1', productId: 'a', ts: 3000, metrics: { stock: 7, sold: null } },
      {
        sessionId: 's1',
        productId: 'a',
        ts: 1000,
        name: 'Scarf',
        price: 59,
        metrics: { stock: 10, sold: 0 },
      },
      { sessionId: 's1', productId: 'a', ts: 2000, price: 49, metrics: { sold: 2 } },
      { sessionId: 's1', productId: 'b', ts: 1000, name: 'Shirt', metrics: { stock: 30 } },
      { sessionId: 's2', productId: 'a', ts: 5000, name: 'Other', metrics: { stock: 1 } },
    ]);
    v5.close();

    const db = new LivecueDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST_DB_VERSION);
    expect(await db.productSnapshots.count()).toBe(5);
    expect(await db.productLatest.toArray()).toEqual([
      {
        sessionId: 's1',
        productId: 'a',
        name: 'Scarf',
        price: 49,
        metrics: { stock: 7, sold: null },
        setAt: { name: 1000, price: 2000, stock: 3000, sold: 3000 },
      },
      {
        sessionId: 's1',
        productId: 'b',
        name: 'Shirt',
        metrics: { stock: 30 },
        setAt: { name: 1000, stock: 1000 },
      },
      {
        sessionId: 's2',
        productId: 'a',
        name: 'Other',
        metrics: { stock: 1 },
        setAt: { name: 5000, stock: 5000 },
      },
    ]);
  });
});

describe('upgrade v6 → v7', () => {
  it('keeps every product row and adds the empty packed copy, which readers do without until packed', async () => {
    const name = freshName();
    const v6 = new Dexie(name);
    declareVersions(v6, 6);
    await v6.open();
    const snapshots = [
      { sessionId: 's1', productId: 'a', ts: 1000, name: 'Scarf', metrics: { stock: 10, sold: 0 } },
      { sessionId: 's1', productId: 'a', ts: 2000, metrics: { sold: 2 }, sources: { sold: 'json' } },
      { sessionId: 's1', productId: 'b', ts: 2000, metrics: { stock: null } },
    ];
    await v6.table('productSnapshots').bulkPut(snapshots);
    await v6.table('productPins').put({ sessionId: 's1', ts: 1000, productId: 'a' });
    v6.close();

    const db = new LivecueDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.productBlocks.count()).toBe(0);
    expect(await db.productPacks.count()).toBe(0);
    expect(await sessionSnapshots(db, 's1')).toEqual(snapshots);
    expect(await db.productPins.count()).toBe(1);
  });
});
