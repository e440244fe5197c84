import { expect, it } from 'vitest';
import { sampleSchema } from '../../../../lib/core/messages/sample';

// A sample's health may name how a metric was found when no label sat beside it; the background trusts
// nothing else in that field.

const sample = (health: object) => ({
  seq: 1,
  ts: 1_700_000_000_000,
  site: 'tiktok-shop',
  roomKey: 'room_id=7311',
  metrics: { gmv: 525 },
  health: { parsed: ['gmv'], failed: [], missing: [], ...health },
});

it('keeps the source of a metric read from the site’s headline or the operator’s pick', () => {
  const parsed = sampleSchema.safeParse(sample({ sources: { gmv: 'adapter', viewers: 'picked' } }));
  expect(parsed.success && parsed.data.health.sources).toEqual({ gmv: 'adapter', viewers: 'picked' });
});

it('refuses a source it does not know, or one for a metric it does not know', () => {
  expect(sampleSchema.safeParse(sample({ sources: { gmv: 'guess' } })).success).toBe(false);
  expect(sampleSchema.safeParse(sample({ sources: { revenue: 'adapter' } })).success).toBe(false);
});
