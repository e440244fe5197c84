import { useEffect, useRef, useState } from 'preact/hooks';
import type { Cue } from '../../../lib/core/engine/types';
import { renderCueText } from '../../../lib/core/format/renderCue';
import { useI18n } from '../../common/i18nContext';

/**
 * The text to announce (aria-live) for cues that fire, or come back from a snooze, after the panel opened —
 * not the ones already waiting, however late their rows load — with a beep when sound is on.
 */
export function useCueAnnouncer(openCues: readonly Cue[], now: number, sound: boolean, beep: () => void) {
  const { locale, t } = useI18n();
  const [announcement, setAnnouncement] = useState('');
  const openedAt = useRef(now);
  const announced = useRef(new Set<string>());
  useEffect(() => {
    const fresh = openCues.filter(
      (cue) =>
        cue.status === 'active' &&
        !announced.current.has(cue.id) &&
        Math.max(cue.firedAt, cue.snoozedUntil ?? 0) >= openedAt.current,
    );
    if (fresh.length === 0) return;
    for (const cue of fresh) announced.current.add(cue.id);
    const text = renderCueText(fresh[fresh.length - 1]!, locale);
    setAnnouncement(t('announce.newCue', { title: text.title, detail: text.detail }));
    if (sound) beep();
  }, [openCues]);
  return announcement;
}
