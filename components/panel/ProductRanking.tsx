import { Component } from 'preact';
import { formatDuration } from '../../lib/core/format/formatDuration';
import { formatCompact } from '../../lib/core/format/formatNumber';
import { formatProductMetricValue } from '../../lib/core/format/formatProductMetric';
import { renderProductReason } from '../../lib/core/format/renderProductReason';
import type { RankedProduct, ProductRanking as Ranking } from '../../lib/core/products/rankProducts';
import { sameProductLine } from '../../lib/ui/panel/productRanking';
import { useI18n } from '../common/i18nContext';

// What to put up next (operator mode): the product on screen, then every other one best first, each with
// its live funnel (impressions → clicks → carts → sold, with each step's rate), stock, time explained and
// the one reason for its place. The first few show open; the rest fold below.

const SHOWN = 8;

const percent = (rate: number | null) => (rate === null ? '—' : String(Math.round(rate * 1000) / 10));

export function ProductFunnel({ product }: { product: RankedProduct }) {
  const { locale, t } = useI18n();
  const { funnel } = product;
  const count = (value: number | null) => (value === null ? '—' : formatCompact(value, locale));
  const steps = [
    { key: 'impressions', label: t('products.impressions'), value: count(funnel.impressions), rate: null },
    { key: 'clicks', label: t('products.clicks'), value: count(funnel.clicks), rate: funnel.ctr },
    { key: 'carts', label: t('products.carts'), value: count(funnel.carts), rate: funnel.clickToCart },
    {
      key: 'sold',
      label: t('products.sold'),
      value: count(funnel.sold),
      // Sold over carts where the page shows carts, else over clicks.
      rate: funnel.carts !== null ? funnel.cartToSold : funnel.clickToSold,
    },
  ];
  return (
    <ol class="product-funnel" data-testid="product-funnel">
      {steps.map((step) => (
        <li key={step.key} data-step={step.key}>
          <span class="funnel-label">{step.label}</span> <span class="funnel-value">{step.value}</span>
          {step.rate !== null && (
            <span class="funnel-rate">{t('products.rate', { rate: percent(step.rate) })}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

function ProductLineView({ product }: { product: RankedProduct }) {
  const { locale, t } = useI18n();
  const stock = product.soldOut
    ? t('products.soldOut')
    : product.stock === null
      ? t('products.stockUnknown')
      : t('products.stock', { stock: formatProductMetricValue('stock', product.stock, locale) });
  return (
    <li
      class={`product-line${product.pinned ? ' pinned' : ''}${product.soldOut ? ' sold-out' : ''}`}
      data-product-id={product.id}
      data-rank={product.rank}
      data-pinned={product.pinned || undefined}
      data-reason={product.reason.key}
    >
      <div class="product-head">
        <span class="product-rank">
          {product.pinned ? t('products.onScreen') : t('products.rank', { rank: product.rank })}
        </span>
        <span class="product-name" title={product.name}>
          {product.name}
        </span>
        {product.price !== null && (
          <span class="product-price">{t('products.price', { price: product.price })}</span>
        )}
        <span class={`product-stock${product.soldOut ? ' out' : ''}`} data-testid="product-stock">
          {stock}
        </span>
      </div>
      <ProductFunnel product={product} />
      {/* Never explained: the reason line says so when it matters. */}
      {(product.explainedSec > 0 || product.explainCount > 0) && (
        <p class="product-explained muted">
          {t('products.explained', {
            time: formatDuration(product.explainedSec, locale),
            count: product.explainCount,
          })}
        </p>
      )}
      <p class="product-reason" data-testid="product-reason">
        {renderProductReason(product.reason, locale)}
      </p>
    </li>
  );
}

/** One product of the list; rendered again only when what it shows changed (sameProductLine). */
export class ProductLine extends Component<{ product: RankedProduct }> {
  override shouldComponentUpdate(next: { product: RankedProduct }): boolean {
    return !sameProductLine(this.props.product, next.product);
  }
  override render() {
    return <ProductLineView product={this.props.product} />;
  }
}

/**
 * The ranked list; while the worker is still reading the session's product rows (`reading`, after a restart
 * late in an evening), a line saying so where the list will be.
 */
export function ProductRanking({ ranking, reading = false }: { ranking: Ranking | null; reading?: boolean }) {
  const { t } = useI18n();
  if (!ranking && reading)
    return (
      <section
        class="products"
        data-testid="product-ranking"
        aria-label={t('products.title')}
        aria-busy="true"
      >
        <h3>{t('products.title')}</h3>
        <p class="muted" data-testid="products-reading">
          {t('products.reading')}
        </p>
      </section>
    );
  if (!ranking) return null;
  const shown = ranking.next.slice(0, SHOWN);
  const rest = ranking.next.slice(SHOWN);
  return (
    <section class="products" data-testid="product-ranking" aria-label={t('products.title')}>
      <h3>
        {t('products.title')} <span class="count">{ranking.next.length + (ranking.pinned ? 1 : 0)}</span>
      </h3>
      {ranking.pinned && (
        <ul class="product-list" data-testid="product-on-screen">
          <ProductLine product={ranking.pinned} />
        </ul>
      )}
      <ul class="product-list" data-testid="product-next">
        {shown.map((product) => (
          <ProductLine key={product.id} product={product} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details class="product-more">
          <summary>{t('products.more', { count: rest.length })}</summary>
          <ul class="product-list">
            {rest.map((product) => (
              <ProductLine key={product.id} product={product} />
            ))}
          </ul>
        </details>
      )}
      <p class="muted product-room">
        {t('products.room', {
          ctr: ranking.roomCtr === null ? '—' : `${percent(ranking.roomCtr)}%`,
          conv: ranking.roomClickToSold === null ? '—' : `${percent(ranking.roomClickToSold)}%`,
        })}
      </p>
    </section>
  );
}

/** Streamer mode: only the product the current cue names, big enough to read at arm's length. */
export function CueProduct({ product }: { product: RankedProduct | null }) {
  const { locale, t } = useI18n();
  if (!product) return null;
  return (
    <section
      class="cue-product"
      data-testid="cue-product"
      data-product-id={product.id}
      aria-label={t('products.cueProduct')}
    >
      <p class="cue-product-name">{product.name}</p>
      <p class="cue-product-facts">
        {product.soldOut
          ? t('products.soldOut')
          : product.stock === null
            ? t('products.stockUnknown')
            : t('products.stock', { stock: formatProductMetricValue('stock', product.stock, locale) })}
        {product.price !== null && ` · ${t('products.price', { price: product.price })}`}
      </p>
    </section>
  );
}
