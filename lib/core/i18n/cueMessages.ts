import { METRIC_NAMES } from './metricNames';
import { defineCatalog, type KeyOf } from './translate';

// What each cue says: the title states what happened (with the numbers), the detail what to say or do now.
// Params ending in `Sec` are durations and `metric` a metric id; renderCue.ts formats them per locale.

const en = {
  ...METRIC_NAMES.en,
  'cue.traffic-drop.title': 'Viewers fell from {from} to {to} in {windowSec}',
  'cue.traffic-drop.detail':
    'Put a deal item up now and hold the price reveal for {holdSec}; do not pitch profit items into a draining room. Say: "Type 1 if you are staying — the deal price is coming!"',
  'cue.traffic-surge.title': 'Viewers rose from {from} to {to} in {windowSec}',
  'cue.traffic-surge.detail':
    'Hero product up and push the close: {countdownSec} countdown, "last N pieces", ask newcomers to follow.',
  'cue.sales-stall.title':
    'Only {recent} orders in the last {windowSec} (about {expected} at the earlier pace)',
  'cue.sales-stall.titleGmv':
    'GMV grew only {recent} in the last {windowSec} (about {expected} at the earlier pace)',
  'cue.sales-stall.detail':
    'People are watching but not buying: switch to the next product or a deal item; restate price and stock, open the cart.',
  'cue.sales-stall.detailProduct':
    '"{product}" has stopped selling: switch to the next product or a deal item; restate price and stock, open the cart.',
  'cue.product-dwell.title': '"{product}" has been up for {dwellSec}',
  'cue.product-dwell.detail':
    'Sales are fading ({recent} orders/min over the last 2 min vs {average} on average): one last push, then switch.',
  'cue.product-dwell.detailNoSales':
    'Long on one product (about 5 min each works best): one last push, then switch.',
  'cue.ad-boost.title': 'Traffic peak with strong conversion: raise ad spend ~{raisePct}%',
  'cue.ad-boost.detail':
    '{viewers} viewers (recent level {level}), click-to-order {conversionPct}% (session {beforePct}%): raise the paid-traffic budget ~{raisePct}% and put the hero product up.',
  'cue.ad-hold.title': 'Conversion fell to {conversionPct}% (session so far {beforePct}%)',
  'cue.ad-hold.titleZero': '{clicks} product clicks and no orders in the last {windowSec}',
  'cue.ad-hold.detail':
    'Paid traffic is not converting: cut or pause the ad budget; check price, stock and the link, then re-pitch before spending again.',
  'cue.engagement-low.title': 'Chat went quiet: {recent} comments/min over {windowSec} (was {before})',
  'cue.engagement-low.titleCommenters':
    'Chat went quiet: {recent} comments/min from {commenters} viewers/min over {windowSec} (was {before})',
  'cue.engagement-low.detail':
    'Ask a question people answer with "1" or "2", or set a comment task: "Type WANT if you want this one!"',
  'cue.follow-cadence.title':
    'Ask for follows: follow rate {followPct}% over {windowSec} (target {targetPct}%)',
  'cue.follow-cadence.titleNoRate': 'Ask for follows',
  'cue.follow-cadence.detail':
    'Say: "Not following yet? Tap follow at the top left — only followers can join the next giveaway!"',
  'cue.giveaway-cadence.title': '{sinceSec} since the last giveaway: run one now',
  'cue.giveaway-cadence.titleFirst': '{sinceSec} into the stream: run the first giveaway',
  'cue.giveaway-cadence.detail':
    'Giveaway with follow + comment to enter, {giveawaySec} long, minimum watch {watchSec}; count it down out loud.',
  'cue.plan-next.title': 'Next: {next} in {inSec}',
  'cue.plan-next.detail': 'Close out "{current}"; get "{next}" ready — sample, price, link.',
  'cue.plan-next.overrunTitle': '"{current}" is {overSec} over',
  'cue.plan-next.overrunDetail':
    'The run-of-show says "{next}" now (this slot was {plannedSec}): one last push, then switch.',
  'cue.plan-next.overrunLastTitle': 'Run-of-show finished, {overSec} over',
  'cue.plan-next.overrunLastDetail':
    '"{current}" was the last product: bring back the hero product or wrap up.',
  'cue.milestone.titleGmv': 'GMV passed {threshold}!',
  'cue.milestone.titleViewers': 'Viewers passed {threshold}!',
  'cue.milestone.detailGmv':
    'Thank the room and push the close: "We just passed {threshold} — thank you, here is another deal!"',
  'cue.milestone.detailViewers':
    'Big room: hero product now. "{threshold} of you here! New friends, follow first — price drop coming!"',
  'cue.data-stale.titleSilent': 'No data at all for {ageSec}: the dashboard page may be gone',
  'cue.data-stale.detailSilent':
    'Is the dashboard tab still open, in the background, or has the live ended? No other cues until data returns; earlier cues may be out of date.',
  'cue.data-stale.titlePage': 'No number has changed for {sinceSec}: the dashboard page froze',
  'cue.data-stale.detailPage':
    'Reload the dashboard or check the connection; no other cues until the numbers move again, and earlier cues may be out of date.',
  'cue.data-stale.titleFrozen': '{metric} has not changed for {sinceSec} while other numbers move',
  'cue.data-stale.detailFrozen':
    'The reader may have lost this number: check whether the dashboard changed or a dialog covers it; re-pick the metric in settings if needed. Cues that use it are paused.',
  'cue.data-stale.titleLost': '{metric} unreadable for {sinceSec} while other numbers move',
  'cue.data-stale.detailLost':
    'The dashboard no longer shows this number in a form the reader can use: check whether it changed or a dialog covers it; re-pick the metric in settings if needed. Cues that use it are paused.',
  'cue.questions.title.price': '{askers} asking the price — say it, show the price card',
  'cue.questions.detail.price':
    '{askers} viewers asked in {windowSec}: {words}. Say the price and today’s deal aloud, put the price card on screen and pin it as a comment.',
  'cue.questions.title.size': '{askers} asking about size — show the size chart',
  'cue.questions.detail.size':
    '{askers} viewers asked in {windowSec}: {words}. Say which size fits which height and weight, put the size chart on screen and pin it.',
  'cue.questions.title.link': '{askers} asking for the link — pop the product, say its number',
  'cue.questions.detail.link':
    '{askers} viewers asked in {windowSec}: {words}. Pop the product card now (explain / pin it) and say its number in the shop.',
  'cue.questions.title.shipping': '{askers} asking about shipping — state the terms',
  'cue.questions.detail.shipping':
    '{askers} viewers asked in {windowSec}: {words}. Say when orders ship, the carrier, free shipping and remote areas, then pin it.',
  'cue.questions.title.stock': '{askers} asking about stock — say what is left',
  'cue.questions.detail.stock':
    '{askers} viewers asked in {windowSec}: {words}. Say which colours and sizes are left and when the rest is restocked.',
  'cue.questions.title.discount': '{askers} asking for a deal — explain the coupon',
  'cue.questions.detail.discount':
    '{askers} viewers asked in {windowSec}: {words}. Say how to claim the coupon and what the bundle or threshold deal is; pin it.',
  'cue.questions.title.giveaway': '{askers} asking about the giveaway — say when and how',
  'cue.questions.detail.giveaway':
    '{askers} viewers asked in {windowSec}: {words}. Say when the next giveaway opens and what it takes to enter (follow + comment).',
  'cue.questions.title.quality': '{askers} asking about quality — show the fabric up close',
  'cue.questions.detail.quality':
    '{askers} viewers asked in {windowSec}: {words}. Name the material, show it close to the camera (stretch, thickness) and answer the worry aloud.',
  'cue.questions.title.aftersales': '{askers} asking about returns — state the policy',
  'cue.questions.detail.aftersales':
    '{askers} viewers asked in {windowSec}: {words}. Say the return window, who pays return shipping and how to exchange a size; pin it.',
  'cue.stock-low.title': '"{product}": {stock} left, sold out in about {leftSec} at {perMin}/min',
  'cue.stock-low.titleFloor': '"{product}": only {stock} left in stock',
  'cue.stock-low.titleSoldOut': '"{product}" is sold out',
  'cue.stock-low.detail':
    'Say it: "Only {stock} left — once they are gone, they are gone!" Get stock added now, or have the next product ready.',
  'cue.stock-low.detailSoldOut':
    'Switch to the next product now; say when it will be restocked. Do not put it up again until it is.',
  'cue.product-fading.titleCtr':
    '"{product}" is fading: click-through {nowPct}% over the last {recentSec} (first minutes {firstPct}%, other products {othersPct}%)',
  'cue.product-fading.titleConversion':
    '"{product}" is fading: click-to-order {nowPct}% over the last {recentSec} (first minutes {firstPct}%, other products {othersPct}%)',
  'cue.product-fading.detail':
    'Up for {explainedSec} and the pitch is spent: one last close, then move to the next product.',
  'cue.product-hot-unpinned.titleSold':
    '"{product}" sells {perMin}/min without being explained (others {othersPerMin}/min)',
  'cue.product-hot-unpinned.titleClicks':
    '"{product}" is clicked {perMin}/min without being explained (others {othersPerMin}/min)',
  'cue.product-hot-unpinned.detail':
    'Viewers are finding it on their own: pin it and explain it next — price, stock, how to order.',
  'cue.unpaid-orders.title': '"{product}": {unpaid} orders not paid for {heldSec}',
  'cue.unpaid-orders.detail':
    'Push to close: "{unpaid} of you have ordered and not paid — pay now, the stock is only held for a few minutes!"',
  'cue.unpaid-orders.detailOffScreen':
    'Pop it back up for a minute and push to close: "{unpaid} of you have ordered and not paid — pay now before the stock is released!"',
};

const zh = {
  ...METRIC_NAMES['zh-CN'],
  'cue.traffic-drop.title': '在线人数 {windowSec}内从 {from} 跌到 {to}',
  'cue.traffic-drop.detail':
    '马上上福利款，憋单 {holdSec}再揭价；流失中别推利润款。口播：“还没走的宝宝扣 1，马上给大家放福利价！”',
  'cue.traffic-surge.title': '在线人数 {windowSec}内从 {from} 涨到 {to}',
  'cue.traffic-surge.detail':
    '上爆款逼单：倒计时 {countdownSec}，报“最后 N 件、拍完下架”，新进来的宝宝先点关注。',
  'cue.sales-stall.title': '近 {windowSec}只成交 {recent} 单（按之前节奏应有约 {expected} 单）',
  'cue.sales-stall.titleGmv': '近 {windowSec}成交额只涨了 {recent}（按之前节奏约 {expected}）',
  'cue.sales-stall.detail':
    '人还在但不下单：换下一个款，或上福利款重新拉转化；口播价格和库存，点一次购物车。',
  'cue.sales-stall.detailProduct':
    '「{product}」卖不动了：换下一个款，或上福利款重新拉转化；口播价格和库存，点一次购物车。',
  'cue.product-dwell.title': '「{product}」已讲 {dwellSec}',
  'cue.product-dwell.detail':
    '成交放缓（近 2 分钟每分钟 {recent} 单，本款平均 {average} 单）：收尾逼单一次，然后切下一个款。',
  'cue.product-dwell.detailNoSales': '单款讲太久了（建议每款约 5 分钟）：收尾逼单一次，然后切下一个款。',
  'cue.ad-boost.title': '流量高峰且转化好：投流加预算约 {raisePct}%',
  'cue.ad-boost.detail':
    '在线 {viewers}（近期平均 {level}），点击成交率 {conversionPct}%（本场 {beforePct}%）：千川预算上调约 {raisePct}%，同时上爆款承接。',
  'cue.ad-hold.title': '转化率跌到 {conversionPct}%（本场此前 {beforePct}%）',
  'cue.ad-hold.titleZero': '近 {windowSec}有 {clicks} 次商品点击却零成交',
  'cue.ad-hold.detail': '付费流量在空转：投流先降预算或暂停；检查价格、库存和链接，讲清卖点后再放量。',
  'cue.engagement-low.title': '评论冷了：近 {windowSec}每分钟 {recent} 条（之前 {before} 条）',
  'cue.engagement-low.titleCommenters':
    '评论冷了：近 {windowSec}每分钟 {recent} 条、{commenters} 人在说（之前 {before} 条）',
  'cue.engagement-low.detail':
    '抛个问题让大家扣 1 / 扣 2，或发评论任务：“想要这款的扣‘想要’，我看看有多少人！”',
  'cue.follow-cadence.title': '该喊关注了：近 {windowSec}转粉率 {followPct}%（目标 {targetPct}%）',
  'cue.follow-cadence.titleNoRate': '该喊关注了',
  'cue.follow-cadence.detail': '口播：“还没点关注的宝宝点一下左上角关注，关注了下一轮福袋才能参与！”',
  'cue.giveaway-cadence.title': '距上次福袋已 {sinceSec}：发福袋',
  'cue.giveaway-cadence.titleFirst': '开播 {sinceSec}了：发第一个福袋',
  'cue.giveaway-cadence.detail':
    '福袋设“关注 + 评论口令”参与，时长 {giveawaySec}，最短观看 {watchSec}；口播倒计时提醒参与。',
  'cue.plan-next.title': '下一个：{next}，{inSec}后',
  'cue.plan-next.detail': '「{current}」收尾逼单；准备「{next}」的样品、价格和链接。',
  'cue.plan-next.overrunTitle': '「{current}」超时 {overSec}',
  'cue.plan-next.overrunDetail': '按排品该切「{next}」了（本款计划 {plannedSec}）：最后逼单一次就切。',
  'cue.plan-next.overrunLastTitle': '排品已全部讲完，超时 {overSec}',
  'cue.plan-next.overrunLastDetail': '「{current}」是最后一个款：返场爆款或准备下播。',
  'cue.milestone.titleGmv': '成交额破 {threshold}！',
  'cue.milestone.titleViewers': '在线人数破 {threshold}！',
  'cue.milestone.detailGmv': '口播感谢，顺势逼单：“破 {threshold} 了！感谢宝宝们，再给大家上一波福利！”',
  'cue.milestone.detailViewers': '人多的时候上爆款：“{threshold} 人在线了！新来的宝宝先点关注，马上开价！”',
  'cue.data-stale.titleSilent': '{ageSec}没收到任何数据：看板页可能已关闭或断开',
  'cue.data-stale.detailSilent':
    '看板页是否还开着、被切到后台或已下播？数据回来之前不发其它提示，之前的提示可能已过时。',
  'cue.data-stale.titlePage': '所有数字已 {sinceSec}没变化：看板页卡住了',
  'cue.data-stale.detailPage': '刷新看板页或检查网络；数字恢复变化之前不发其它提示，之前的提示可能已过时。',
  'cue.data-stale.titleFrozen': '{metric}已 {sinceSec}没变化，其它数据在动',
  'cue.data-stale.detailFrozen':
    '这个数可能没读到：检查看板是否改版或被弹窗遮挡，必要时在设置里重新选取该指标；用到它的提示先暂停。',
  'cue.data-stale.titleLost': '{metric}已 {sinceSec}读不到，其它数据在动',
  'cue.data-stale.detailLost':
    '看板上这个数读不出来了：检查是否改版或被弹窗遮挡，必要时在设置里重新选取该指标；用到它的提示先暂停。',
  'cue.questions.title.price': '{askers} 人问价格 — 报价，上价格卡',
  'cue.questions.detail.price':
    '近 {windowSec}有 {askers} 位观众问价格：{words}。口播价格和今天的福利价，把价格卡放上屏幕并置顶评论。',
  'cue.questions.title.size': '{askers} 人问尺码 — 报尺码表',
  'cue.questions.detail.size':
    '近 {windowSec}有 {askers} 位观众问尺码：{words}。口播身高体重对应的码数，把尺码表放上屏幕并置顶。',
  'cue.questions.title.link': '{askers} 人问链接 — 弹商品卡，报链接号',
  'cue.questions.detail.link':
    '近 {windowSec}有 {askers} 位观众问链接：{words}。马上讲解 / 弹出商品卡，口播小黄车第几号链接。',
  'cue.questions.title.shipping': '{askers} 人问发货 — 说清发货和快递',
  'cue.questions.detail.shipping':
    '近 {windowSec}有 {askers} 位观众问发货：{words}。口播几天内发货、什么快递、是否包邮和偏远地区，再置顶一条。',
  'cue.questions.title.stock': '{askers} 人问库存 — 报还剩多少',
  'cue.questions.detail.stock':
    '近 {windowSec}有 {askers} 位观众问库存：{words}。报哪些颜色和尺码还有货，没货的什么时候补。',
  'cue.questions.title.discount': '{askers} 人问优惠 — 讲清优惠券',
  'cue.questions.detail.discount':
    '近 {windowSec}有 {askers} 位观众问优惠：{words}。口播优惠券怎么领、满减怎么算，置顶一条。',
  'cue.questions.title.giveaway': '{askers} 人问福袋 — 报开奖时间和参与方式',
  'cue.questions.detail.giveaway':
    '近 {windowSec}有 {askers} 位观众问福袋：{words}。口播下一个福袋几点开、怎么参与（关注 + 评论）。',
  'cue.questions.title.quality': '{askers} 人问质量 — 上镜展示面料细节',
  'cue.questions.detail.quality':
    '近 {windowSec}有 {askers} 位观众问质量：{words}。讲清面料材质，贴近镜头展示（拉伸、厚度），正面回应担心。',
  'cue.questions.title.aftersales': '{askers} 人问售后 — 说清退换规则',
  'cue.questions.detail.aftersales':
    '近 {windowSec}有 {askers} 位观众问售后：{words}。口播七天无理由、运费险和换码方式，置顶一条。',
  'cue.stock-low.title': '「{product}」只剩 {stock} 件，按每分钟 {perMin} 件约 {leftSec}卖完',
  'cue.stock-low.titleFloor': '「{product}」库存只剩 {stock} 件',
  'cue.stock-low.titleSoldOut': '「{product}」已售罄',
  'cue.stock-low.detail': '口播逼单：“最后 {stock} 件，拍完就没了！”马上补库存，或准备好下一个款。',
  'cue.stock-low.detailSoldOut': '马上切下一个款，说清什么时候补货；补货前别再上这个款。',
  'cue.product-fading.titleCtr':
    '「{product}」过款了：近 {recentSec}点击率 {nowPct}%（刚上时 {firstPct}%，其它款 {othersPct}%）',
  'cue.product-fading.titleConversion':
    '「{product}」过款了：近 {recentSec}点击成交率 {nowPct}%（刚上时 {firstPct}%，其它款 {othersPct}%）',
  'cue.product-fading.detail': '已讲 {explainedSec}，卖点讲透了：最后逼单一次，然后过款切下一个。',
  'cue.product-hot-unpinned.titleSold':
    '「{product}」没讲解也每分钟卖 {perMin} 件（其它款 {othersPerMin} 件）',
  'cue.product-hot-unpinned.titleClicks':
    '「{product}」没讲解也每分钟 {perMin} 次点击（其它款 {othersPerMin} 次）',
  'cue.product-hot-unpinned.detail': '观众自己在找它：下一个就上它，讲解价格、库存和怎么拍。',
  'cue.unpaid-orders.title': '「{product}」有 {unpaid} 单未支付，已 {heldSec}',
  'cue.unpaid-orders.detail': '逼单催付：“已经拍了的 {unpaid} 位宝宝赶紧付款，库存只给大家留几分钟！”',
  'cue.unpaid-orders.detailOffScreen':
    '把它再弹出来一分钟催付：“拍了没付的 {unpaid} 位宝宝抓紧付款，过会儿库存就释放了！”',
};

export const cueMessages = defineCatalog(en, zh);
export type CueMessageKey = KeyOf<typeof cueMessages>;
