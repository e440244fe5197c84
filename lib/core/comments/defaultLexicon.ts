import { builtOnFirstUse } from '../builtOnFirstUse';
import type { CommentTopic } from './commentTopics';

// The words the intent classifier knows, in normalized form (lower case, halfwidth, simplified). Drawn
// from OPERATOR-PRACTICE.md's topic list and ordinary live-room phrasing in Chinese and English. The
// operator adds their own per topic (commentLexicon settings); these stay underneath.
//
// Per topic:
// - `ask`: phrases that ask by themselves (多少钱, 几号链接, 没货了, true to size);
// - `about`: topic words that ask when a question word attaches to them (面料 + 吗), or when the comment is
//   nothing but them and filler (链接, 尺码表发一下, link pls);
// - `weak`: words that name the topic only with a plain question word attached (黑色 + 吗), never alone;
// - `alone`: words that ask only when they are the whole comment (多少 → price), and that ask the price of
//   a weak word or a product number they follow (黑色那款多少, 3号多少);
// - `verb`: asks made of a verb, which give their question to a topic word right beside them.
// A word with a question word inside it (什么价, how much) is an `ask` wherever it is listed; the
// operator's words are sorted the same way. Viewers type the pinyin initials of a topic word (jg 价格, lj 链接,
// yhq 优惠券, fh 发货): those that are no English word are listed beside it. Slips of the input method (练接,
// 优会卷) are not listed: the classifier matches each word with one character swapped for a homophone
// (HOMOPHONES below).

export interface TopicWords {
  ask?: readonly string[];
  about?: readonly string[];
  weak?: readonly string[];
  alone?: readonly string[];
  /**
   * Asks made of a verb (什么时候发, 多久到): they ask about this topic, or about the topic word right beside
   * them when there is one (什么时候发福袋 → giveaway, 退款多久到 → aftersales).
   */
  verb?: readonly string[];
}

const COLOURS_ZH =
  '黑色 白色 红色 蓝色 粉色 绿色 黄色 紫色 灰色 米色 杏色 咖色 棕色 卡其色 酒红 藏青 深色 浅色 奶白 颜色 色号 配色';
const COLOURS_EN =
  'black white red blue pink green yellow purple grey gray beige brown navy colour color colours colors';
/** Space-separated; `_` joins the words of one phrase ("how_much"). */
const words = (list: string) => list.split(' ').map((word) => word.replace(/_/g, ' '));

/**
 * The default lists, split into words on first use: the worker loads this module at every start, and its
 * first sample needs no comment classifier (issue 19: cold start → first stored sample).
 */
export const defaultLexicon = builtOnFirstUse(() => {
  const DEFAULT_TOPIC_WORDS: Record<CommentTopic, TopicWords> = {
    price: {
      ask: words(
        '多少钱 多少元 多少块 多少一 几块 几块钱 几元 几米 多少米 多钱 几钱 点卖 啥价 什么价 啥价格 什么价格 怎么卖 咋卖 怎么算 ' +
          '报个价 报价 how_much howmuch hw_much how_much_is_it what_is_the_price',
      ),
      about: words('价格 价钱 价位 价 售价 到手价 直播价 单价 一口价 jg hm price prices pricing cost costs'),
      weak: words('贵 💰 💲 💵 🤑 $ ¥'),
      alone: words('多少 多少呀 多少啊 多少呢 米'),
    },
    size: {
      ask: words(
        '多大码 什么码 啥码 几码 穿多大 穿什么码 穿啥码 多大尺码 什么尺码 多少码 选哪个码 拿什么码 拿几码 适合多大 适合几岁 ' +
          '几岁穿 多大的孩子 多大能穿 多高 多重 多少斤 能穿多少斤 what_size which_size',
      ),
      about: words(
        '尺码 码数 码子 码 尺码表 码表 尺寸 尺寸表 cm 大码 小码 均码 偏码 标准码 身高 体重 斤 胸围 腰围 臀围 ' +
          '肩宽 衣长 裤长 袖长 长度 鞋码 脚长 能穿 穿得下 穿不下 小个子 大个子 微胖 胖mm 胖子 size sizes sizing size_chart tts ' +
          'plus_size petite measurements waist bust inseam length xs xl xxl xxxl 2xl 3xl 4xl 5xl true_to_size runs_small ' +
          'runs_big run_small run_big runs_large',
      ),
      verb: words('多长'),
      weak: words('偏大 偏小 正码 合身 合适 fit small medium large'),
    },
    link: {
      ask: words(
        '几号链接 哪个链接 第几个链接 第几个 几号 链接在哪 在哪拍 在哪买 在哪里买 在哪里拍 哪里买 哪里拍 怎么买 怎么拍 ' +
          '怎么下单 怎么购买 咋买 咋拍 点买 边度买 讲到几号 where_to_buy where_can_i_buy where_do_i_buy how_do_i_buy how_to_buy how_can_i_buy ' +
          'how_do_i_order how_to_order how_can_i_order where_to_order',
      ),
      about: words(
        '链接 连接 上链接 求链接 lj 小黄车 黄车 购物车 上车 挂车 上架 弹一下 弹窗 没找到 找不到 🔗 link links cart basket ' +
          "orange_basket yellow_basket shopping_bag pin number shop 讲解 没看到 can't_find cant_find can_not_find",
      ),
      weak: words('买 购买 下单 find'),
    },
    shipping: {
      ask: words(
        '什么快递 发什么快递 什么时候发货 几天发货 多久发货 哪里发货 几号发货 how_long_does_shipping_take how_long_is_shipping ' +
          'how_long_for_delivery',
      ),
      verb: words(
        '几天到 多久到 几天能到 多久能到 多久收到 多久能收到 什么时候到 什么时候发 几天发 多久发 哪里发 从哪发 发哪 几天能发 ' +
          '什么时候能发 什么时候能到 几时到 几时发 到吗 能到吗 能到',
      ),
      about: words(
        '发货 能发货 发货地 快递 fh kd 顺丰 圆通 中通 韵达 申通 京东快递 邮政 ems 包邮 邮费 运费 快递费 能发 发吗 偏远 偏远地区 新疆 ' +
          '西藏 内蒙 青海 港澳台 香港 澳门 台湾 海外 国外 预售 现货 物流 配送 寄到 送到 到货 当天发 今天发 明天发 ship ' +
          'shipping delivery deliver arrive receive postage courier dhl ups usps fedex international worldwide overseas ' +
          'free_shipping when_will_i_get when_do_i_get when_will_it_come',
      ),
    },
    stock: {
      ask: words(
        '还有货吗 还有没有 仲有冇 冇货 没货 没货了 卖完了 卖光了 售罄 抢不到 没抢到 拍不了 拍不到 买不了 秒没了 还剩几 还剩多少 ' +
          'any_left any_more sold_out soldout out_of_stock',
      ),
      about: words(
        '有货 有现货 货 缺货 断货 库存 kc 补货 补 补吗 还有 还剩 卖完 卖光 下架 仲有 in_stock stock restock re-stock ' +
          'back_in_stock be_back come_back oos still_have',
      ),
      verb: words('有吗 还有吗 没了 available availability'),
      weak: words(`上新 ${COLOURS_ZH} ${COLOURS_EN}`),
    },
    discount: {
      ask: words(
        '送什么 几折 便宜点 能便宜 能少 少点 买一送一 买二送一 第二件半价 满多少减 领不到 领不了 buy_one_get_one',
      ),
      about: words(
        '优惠 优惠券 优惠卷 券 折 yh yhq 领券 福利 满减 打折 折扣 降价 活动 赠品 赠送 半价 秒杀 会员价 新人价 宠粉价 福利价 凑单 返现 ' +
          '叠加 discount discounts coupon coupons code promo promo_code deal deals sale bogo bundle bundle_price voucher',
      ),
      weak: words('便宜 cheaper cheap'),
    },
    giveaway: {
      about: words(
        '福袋 抽奖 开奖 中奖 红包 fd hb 红包雨 免单 抽免单 宠粉 🧧 🎁 giveaway give_away raffle lucky_draw prize',
      ),
      weak: words('抽 winner win'),
      ask: words('who_won'),
    },
    quality: {
      about: words(
        '面料 材质 材料 成分 成分表 料子 质量 zl 品质 做工 纯棉 全棉 棉 真丝 桑蚕丝 羊毛 羊绒 含量 含棉量 涤纶 聚酯 真皮 牛皮 ' +
          '皮质 厚度 薄厚 重量 纯银 纯金 真金 黄金 银 k金 18k 起球 掉色 褪色 缩水 变形 掉毛 氧化 掉漆 生锈 变黑 味道 异味 甲醛 过敏 敏感肌 ' +
          '正品 真假 假货 保质期 生产日期 产地 material ' +
          'materials fabric quality cotton silk wool polyester leather real_leather real_gold real_silver sterling plated pill ' +
          'pilling fade shrink wrinkle wash washable washed machine_wash 机洗 手洗 水洗 tarnish smell ingredients expiry expiration made_of sensitive_skin',
      ),
      weak: words(
        '透 透气 厚 薄 软 硬 冷 热 凉快 保暖 刺激 耐穿 耐用 防水 持久 新鲜 好吃 好用 能用 舒服 甜 辣 see_through sheer thick ' +
          'thin soft stretchy heavy safe breathable itchy warm ' +
          'waterproof durable authentic genuine original fake',
      ),
    },
    aftersales: {
      about: words(
        '退 退换 退换货 退货 退款 tk 换 换货 换码 客服 swap 可以换 能换 包换 包退 七天无理由 7天无理由 无理由 运费险 售后 保修 质保 ' +
          '不合适 退货地址 寄回 退货包运费 包运费 退货运费 退运费 return return_shipping returns returnable refund refunds exchange warranty guarantee money_back return_policy ' +
          "doesn't_fit does_not_fit",
      ),
    },
  };

  /**
   * Question words, by where the topic word they ask about sits: after them (`prefix`: 哪里发货, how much),
   * before them (`suffix`: 面料吗, size?), either side (`both`: 面料是什么, 什么面料), after them when they open
   * the clause (`lead`: is it cotton, can you pin it), or before them when they end it (`tail`: 包邮不). `soft`
   * ones (吧 呢 呗 pls) ask about a topic word but never about a weak word, a price or a product number.
   */
  const QUESTION_WORDS = {
    prefix: words(
      '请问 问下 问一下 想问 想知道 甚么 ' +
        "how what what's whats which when when's whens where where's who whos who's how's",
    ),
    suffix: words('吗 嘛 么 ? 怎么办 怎么样 咋样 行吗 可以吗 能吗 行不行 好不好'),
    tail: words('不 没 否 没有'),
    both: words(
      '几 多少 多久 多大 多长 多厚 哪 哪里 哪儿 哪个 哪款 哪家 几时 边度 边个 咩 有冇 有没有 是不是 能不能 会不会 可不可以 还是 什么 啥 怎么 咋 如何 谁 在哪 在哪里 在哪儿',
    ),
    lead: words(
      'is are do does did can could will would any anyone is_there are_there do_you does_it is_it can_i can_you will_it',
    ),
    soft: words('吧 呢 呗 pls please plz'),
  } as const;

  /** Words that carry no topic and no statement: a comment of a topic word and these only is a request. */
  const FILLER_WORDS = words(
    '这个 这件 这款 这套 这条 那个 那件 那款 这 那 的 了 呀 啊 哦 噢 哈 啦 嘛 一下 下 个 主播 姐姐 姐 哥哥 哥 宝宝 宝 亲 亲亲 ' +
      '家人们 老板 美女 小姐姐 我 你 您 大家 麻烦 请 想 要 想要 求 给 给个 发 发一下 发下 上 上个 来个 来 再 一个 看 看看 看一下 ' +
      '挂 弹 放 把 出来 快 快点 赶紧 推荐 推荐一下 打 打一下 打在公屏上 公屏 屏幕 口播 说 说一下 讲 讲一下 报 报一下 也 都 还 就 又 是 有 一 ' +
      'the a an this that these those it its one ones hi hello hey so just me my i you your u ur send drop share need want ' +
      'give show post put up on for of to in again now here girl sis babe dear guys 这么 那么 多么 要么',
  );

  /** A topic word after one of these, with only filler between, shares its question (price and shipping?). */
  const CONJUNCTIONS = words('和 跟 还有 以及 and or & /');

  /** Statements and reports of a purchase: the comment is not asking unless a question word says so. */
  const STATEMENT_WORDS = words(
    '已拍 拍了 刚好 正好 刚刚好 已下单 下单了 买了 已买 收到了 收到 到了 已经 好评 回购 中了 抢到了 抢到 已关注 谢谢 感谢 喜欢 爱了 绝了 ' +
      '很好 真好 不错 got_mine ordered bought thanks thank_you love loved fits fits_me fit_me fits_perfect fits_great ' +
      'fits_perfectly worked won',
  );

  /** Phrases that contain a topic word and mean something else: masked before anything is matched. */
  const IGNORED_PHRASES = words(
    '二维码 号码 起码 密码 验证码 编码 代码 价值 评价 性价比 退出 换个 换衣服 换人 换主播 发型 连麦 几号色 今天几号 ' +
      '明天几号 今天是几号 几月几号 how_are_you how_old what_a',
  );

  /** Costs of another topic: "how much / 多少钱" right next to one of these asks about that topic. */
  /**
   * Something went wrong with an order: a clause with one of these that asks anything asks about after-sales
   * ("收到破损怎么办", "what if it arrives damaged").
   */
  const PROBLEM_WORDS = words(
    '坏了 破损 损坏 碎了 漏了 漏液 质量问题 发错 少发 漏发 broken damaged defective wrong_item',
  );

  /** Stock words that only ask whether a thing exists, not what is left: "大码有吗" asks about sizes. */
  const NEUTRAL_STOCK_WORDS = words('有吗 available availability');

  const COST_WORDS: Partial<Record<CommentTopic, readonly string[]>> = {
    shipping: words('运费 邮费 快递费 shipping postage delivery ship to_ship'),
  };

  return {
    DEFAULT_TOPIC_WORDS,
    QUESTION_WORDS,
    FILLER_WORDS,
    CONJUNCTIONS,
    STATEMENT_WORDS,
    IGNORED_PHRASES,
    PROBLEM_WORDS,
    NEUTRAL_STOCK_WORDS,
    COST_WORDS,
  };
});

/**
 * Characters a pinyin input method puts in each other's place (same syllable, often the first candidate):
 * a topic word with one of them swapped for another of its group still names the topic (练接, 优会卷, 尺玛).
 * Only groups whose swaps make no common word of another meaning out of a lexicon word.
 */
export const HOMOPHONES = [
  '链连练炼',
  '惠会汇慧',
  '券卷劵',
  '码玛',
  '货获',
  '价架驾',
  '尺齿',
  '购够',
  '袋代带',
];

/** English shorthand typed in chat, read as the word it stands for ("sz chart", "avail in xl?"). */
export const LATIN_SHORTHAND: Readonly<Record<string, string>> = {
  sz: 'size',
  szs: 'sizes',
  avail: 'available',
  shpg: 'shipping',
  dlvry: 'delivery',
  lnk: 'link',
};
