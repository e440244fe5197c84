// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import { createRoomReader } from '../../../../lib/room/sites/labelReader';
import { planValue } from '../../../../lib/room/sites/valueView';
import { settledReading, steadyClock } from './loadFixture';

// Reading a tile as a person sees it: the badge beside a value is not the value, digits are read in the order
// they are drawn, and a label's hidden tooltip is no part of the page a person reads.

const page = (html: string) => {
  document.body.innerHTML = html;
  return document;
};

describe('a delta badge beside the value', () => {
  it('is never taken for the value, even when it comes first', () => {
    const reading = settledReading(
      page(`
        <section><div><span>Conversion rate</span><span>↑ 12,5%</span><b>3.2%</b></div></section>
        <section><div><span>Viewers</span><em>+1.203</em><i>vs last LIVE</i><b>12.345</b></div></section>
        <section><div><span>Orders</span><b>845</b><em>▼ 3</em></div></section>`),
      genericAdapter,
    );
    expect(reading.metrics).toEqual({ conversionRate: 0.032, viewers: 12345, orders: 845 });
  });

  it('is not read while the value itself shows no number yet; the value is, once it shows one', () => {
    const doc = page('<section><div><span>Viewers</span><em>+1.203</em><b id="v">--</b></div></section>');
    const reader = createRoomReader(doc, genericAdapter, {}, { sampleNow: steadyClock() });
    reader.read();
    expect(reader.read().health.failed).toEqual([{ metric: 'viewers', raw: '--', reason: 'dash' }]);
    doc.getElementById('v')!.textContent = '1.234';
    const observer = new MutationObserver(() => {});
    reader.noteMutations(observer.takeRecords());
    reader.read();
    expect(reader.read().metrics.viewers).toBe(1234);
  });
});

describe('digits in the order CSS draws them', () => {
  it('reads a reversed flex row and flex `order` as drawn, not as the DOM runs', () => {
    page(`
      <div id="reversed" style="display:flex;flex-direction:row-reverse"><span>4</span><span>3</span><span>,</span><span>2</span><span>1</span></div>
      <div id="ordered" style="display:flex"><span style="order:3">9</span><span style="order:1">7</span><span style="order:2">8</span></div>
      <div id="plain"><span>4</span><span>3</span></div>`);
    expect(planValue(document.getElementById('reversed')!).read().text).toBe('12,34');
    expect(planValue(document.getElementById('ordered')!).read().text).toBe('789');
    expect(planValue(document.getElementById('plain')!).read().text).toBe('43');
  });

  it('reads a reversed tile on the page as the number a person sees', () => {
    const reading = settledReading(
      page(
        '<section><div><span>在线人数</span><div style="display:flex;flex-direction:row-reverse"><span>6</span><span>5</span><span>4</span></div></div></section>',
      ),
      genericAdapter,
    );
    expect(reading.metrics.viewers).toBe(456);
  });
});

describe('a label with a hidden tooltip', () => {
  it('reads the value for the label a person sees, never for a label in its hidden tooltip', () => {
    const reading = settledReading(
      page(`
        <section><div>
          <div><span>Viewers</span><span role="presentation" style="opacity:0">Unique viewers</span></div>
          <b>2,345</b>
        </div></section>
        <section><div>
          <div><span>Orders</span><span style="display:none">Items sold</span></div>
          <b>17</b>
        </div></section>`),
      genericAdapter,
    );
    expect(reading.metrics).toEqual({ viewers: 2345, orders: 17 });
  });
});
