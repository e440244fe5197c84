import type { ProductRowReading } from '../../lib/core/products/productContract';

// The mock room's product numbers as a dashboard's own JSON call returns them (served by
// scripts/node/mockRoomApi.ts, fetched by the mock room page, observed by the extension's main-world tap).

/** The same numbers as a Douyin 罗盘-like `live_screen/product_list` body: money in fen, 讲解中 as a flag. */
export function productListBody(rows: readonly ProductRowReading[], pinnedId: string | null): unknown {
  const fen = (v: number | null | undefined) => (typeof v === 'number' ? Math.round(v * 100) : undefined);
  const num = (v: number | null | undefined) => (typeof v === 'number' ? v : undefined);
  return {
    st: 0,
    msg: '',
    data: {
      product_list: rows.map((row) => ({
        product_id: row.id,
        title: row.name,
        price: fen(row.price),
        stock_num: num(row.metrics.stock),
        is_explaining: row.id === pinnedId,
        explain_cnt: num(row.metrics.explainCount),
        product_show_ucnt: num(row.metrics.impressions),
        product_click_ucnt: num(row.metrics.clicks),
        product_show_click_ucnt_ratio: num(row.metrics.ctr),
        product_click_pay_ucnt_ratio: num(row.metrics.conversionRate),
        add_cart_cnt: num(row.metrics.carts),
        pay_combo_cnt: num(row.metrics.sold),
        pay_amt: fen(row.metrics.gmv),
        create_order_cnt: num(row.metrics.createdOrders),
        unpaid_order_cnt: num(row.metrics.unpaidOrders),
      })),
    },
  };
}

/** The same rows under field names no reader knows: the tap must fail closed and the table carry on. */
export function renamedProductListBody(rows: readonly ProductRowReading[]): unknown {
  return {
    st: 0,
    data: {
      goods_cards: rows.map((row) => ({ goods_key: row.id, exposure_people: row.metrics.impressions })),
    },
  };
}
