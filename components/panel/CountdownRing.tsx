import { useI18n } from '../common/i18nContext';

// A ring that empties as the cue's countdown runs down, with the seconds left in the middle.

interface CountdownRingProps {
  seconds: number;
  /** 1 at the start, 0 when time is up. */
  fraction: number;
  size: number;
}

export function CountdownRing({ seconds, fraction, size }: CountdownRingProps) {
  const { t } = useI18n();
  const stroke = Math.max(4, size / 12);
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  return (
    <div
      class="countdown"
      role="timer"
      aria-label={t('cue.countdown', { seconds })}
      data-testid="cue-countdown"
      data-seconds={seconds}
      style={{ width: `${size}px`, height: `${size}px` }}
    >
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
        <circle
          class="countdown-track"
          cx={size / 2}
          cy={size / 2}
          r={radius}
          stroke-width={stroke}
          fill="none"
        />
        <circle
          class="countdown-left"
          cx={size / 2}
          cy={size / 2}
          r={radius}
          stroke-width={stroke}
          fill="none"
          stroke-dasharray={circumference.toFixed(2)}
          stroke-dashoffset={(circumference * (1 - fraction)).toFixed(2)}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
      </svg>
      <span class="countdown-seconds">{seconds}</span>
    </div>
  );
}
