// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import { tiktokShopAdapter } from '../../../../lib/room/sites/adapters/tiktokShop';
import { createRoomReader } from '../../../../lib/room/sites/labelReader';
import { mountFixture, settledReading, steadyClock } from './loadFixture';

// TikTok LIVE Dashboard as the saved real pages draw it (tiktok-live-overview.html): the headline GMV odometer's
// label sits in a sibling branch of a block that also holds the Items sold / Viewers badges and a carousel of
// tiles, so no label is beside the digits; the adapter's knowledge of the headline block ties them.

type Odometer = { setOdometer(text: string): void };
const odometer = () => window as unknown as Odometer;
const EVERY_OTHER = { viewers: 6380, orders: 21, views: 7290, avgWatchSec: 21 };

const mountOverview = () => mountFixture('tiktok-live-overview.html', { runScripts: true });
const read = (adapter = tiktokShopAdapter) => settledReading(document, adapter);

describe('the headline GMV of a TikTok LIVE Dashboard', () => {
  it('is read exactly from its odometer, and health says the adapter found it; no other metric moves', () => {
    mountOverview();
    const reading = read();
    expect(reading.metrics).toEqual({ gmv: 525, ...EVERY_OTHER });
    expect(reading.health.sources).toEqual({ gmv: 'adapter' });
    expect(reading.health.failed).toEqual([]);
  });

  it('reads the other saved pages too: 14, and a larger value with separators', () => {
    mountOverview();
    odometer().setOdometer('14');
    expect(read().metrics.gmv).toBe(14);
    odometer().setOdometer('12,345.67');
    expect(read().metrics.gmv).toBe(12345.67);
  });

  it('follows the odometer as it is redrawn, by the same reader', () => {
    mountOverview();
    const reader = createRoomReader(document, tiktokShopAdapter, {}, { sampleNow: steadyClock() });
    reader.read();
    expect(reader.read().metrics.gmv).toBe(525);
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    odometer().setOdometer('1,204.5');
    records.push(...observer.takeRecords());
    observer.disconnect();
    reader.noteMutations(records);
    reader.read();
    expect(reader.read().metrics.gmv).toBe(1204.5);
  });

  it('is read again when the operator switches the headline away from GMV and back', () => {
    mountOverview();
    const reader = createRoomReader(document, tiktokShopAdapter, {}, { sampleNow: steadyClock() });
    const label = document
      .querySelector('.ecom-screen-animated-number-container')!
      .previousElementSibling!.querySelector('.text-xl')!.firstChild as Text;
    const change = (text: string) => {
      const observer = new MutationObserver(() => {});
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      label.data = text;
      reader.noteMutations(observer.takeRecords());
      observer.disconnect();
      reader.read();
      return reader.read();
    };
    reader.read();
    expect(reader.read().metrics.gmv).toBe(525);
    expect(change('Show GPM').metrics.gmv).toBeUndefined();
    const back = change('GMV');
    expect(back.metrics.gmv).toBe(525);
    expect(back.health.sources).toEqual({ gmv: 'adapter' });
  });

  it('wins over a table column that reads as money too (the traffic table showing amounts, not shares)', () => {
    mountOverview();
    const firstRow = document.querySelector('.trafficTable--mTZFh tbody tr')!;
    firstRow.children[1]!.querySelector('.text-right')!.textContent = '$312.50';
    expect(read().metrics).toEqual({ gmv: 525, ...EVERY_OTHER });
  });

  it('finds the label below the digits too, past the badges, in another sibling branch', () => {
    mountOverview();
    const container = document.querySelector('.ecom-screen-animated-number-container')!;
    const labelRow = container.previousElementSibling!;
    const badges = container.nextElementSibling!;
    badges.after(labelRow);
    const reading = read();
    expect(reading.metrics).toEqual({ gmv: 525, ...EVERY_OTHER });
    expect(reading.health.sources).toEqual({ gmv: 'adapter' });
  });

  it('is GMV only while its label says so: switched to a metric Livecue does not read, the headline is not GMV', () => {
    mountOverview();
    document
      .querySelector('.ecom-screen-animated-number-container')!
      .previousElementSibling!.querySelector('.text-xl')!.textContent = 'Show GPM';
    const reading = read();
    // Nothing else on the page is the room's GMV either: the product and traffic tables are not read for it.
    expect(reading.metrics.gmv).toBeUndefined();
    expect(reading.health.missing).toContain('gmv');
    expect(reading.health.sources).toBeUndefined();
  });

  it('never takes a neighbouring tile (a label with its own value) for the headline’s label', () => {
    mountOverview();
    const container = document.querySelector('.ecom-screen-animated-number-container')!;
    container.previousElementSibling!.remove();
    const tile = document.createElement('div');
    tile.innerHTML = '<div class="text-base">GMV</div><div class="arco-statistic-value">$98.10</div>';
    container.before(tile);
    const reading = read();
    // The tile's GMV is tied to its label by proximity; the odometer, without a label of its own, is not read.
    expect(reading.metrics.gmv).toBe(98.1);
    expect(reading.health.sources).toBeUndefined();
  });

  it('without the adapter’s knowledge, the label cannot be tied to the digits and no wrong GMV is stored', () => {
    mountOverview();
    const reading = read(genericAdapter);
    expect(reading.metrics).toEqual({ gmv: null, ...EVERY_OTHER });
    // The traffic-source column's share is the nearest "GMV" value: refused, never stored as money.
    expect(reading.health.failed).toEqual([{ metric: 'gmv', raw: '70.7%', reason: 'unit-mismatch' }]);
  });

  it('where proximity works (the label in the digits’ own block), the label decides', () => {
    mountFixture('tiktok-live-dashboard.html');
    const reading = read();
    expect(reading.metrics.gmv).toBe(4348.11);
    expect(reading.health.sources).toBeUndefined();
  });
});
