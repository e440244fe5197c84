import { formatDuration } from '../../lib/core/format/formatDuration';
import { formatProductMetricValue } from '../../lib/core/format/formatProductMetric';
import type { ProductReview } from '../../lib/ui/review/productReview';
import { useI18n } from '../common/i18nContext';

// The review's per-product table: each product's time on screen and what it earned there, its funnel
// rates and stock at the end, and the plan beside what really happened.

const rate = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`);

export function ProductTable({ review }: { review: ProductReview }) {
  const { locale, t } = useI18n();
  if (review.rows.length === 0) return <p class="muted">{t('review.noProducts')}</p>;
  const planned = review.rows.some((row) => row.plannedMin !== null) || review.plannedNotShown.length > 0;
  return (
    <>
      <table data-testid="review-products">
        <thead>
          <tr>
            <th>{t('review.product')}</th>
            <th>{t('review.explainedTime')}</th>
            {planned && <th>{t('review.planned')}</th>}
            <th>{t('review.slotGmv')}</th>
            <th>{t('review.slotSold')}</th>
            <th>{t('review.ctr')}</th>
            <th>{t('review.clickToCart')}</th>
            <th>{t('review.cartToSold')}</th>
            <th>{t('review.stockEnd')}</th>
          </tr>
        </thead>
        <tbody>
          {review.rows.map((row) => (
            <tr key={row.id} data-product-id={row.id} data-explained-sec={row.explainedSec}>
              <td class="product-cell" title={row.id}>
                {row.name}
              </td>
              <td>{row.slots > 0 ? `${formatDuration(row.explainedSec, locale)} · ${row.slots}×` : '—'}</td>
              {planned && (
                <td data-planned-min={row.plannedMin ?? ''}>
                  {row.plannedMin === null
                    ? t('review.notPlanned')
                    : t('review.plannedMin', { minutes: row.plannedMin })}
                </td>
              )}
              <td data-field="slotGmv">{formatProductMetricValue('gmv', row.slotGmv, locale)}</td>
              <td data-field="slotSold">{formatProductMetricValue('sold', row.slotSold, locale)}</td>
              <td>{rate(row.ctr)}</td>
              <td>{rate(row.clickToCart)}</td>
              <td>{rate(row.cartToSold ?? row.clickToSold)}</td>
              <td data-field="stockEnd">{formatProductMetricValue('stock', row.stockEnd, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {review.plannedNotShown.length > 0 && (
        <p class="muted" data-testid="planned-not-shown">
          {t('review.plannedNotShown')}: {review.plannedNotShown.map((slot) => slot.name).join(', ')}
        </p>
      )}
    </>
  );
}
