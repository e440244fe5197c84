import { currentCue } from '../core/cues/cueOrder';
import type { Cue } from '../core/engine/types';
import { renderCueText } from '../core/format/renderCue';
import type { Locale } from '../core/i18n/translate';
import type { OverlayCue } from '../core/messages/portProtocol';

/**
 * The cue a room's in-page overlay shows: the same current cue as the panel's, judged on the session's
 * clock, rendered in the user's language, its countdown moved onto the page's wall clock.
 */
export function overlayCueFor(
  active: readonly Cue[],
  clockOffsetMs: number,
  locale: Locale,
  wallNow: number,
): OverlayCue | null {
  const cue = currentCue(active, wallNow - clockOffsetMs);
  if (!cue) return null;
  return {
    id: cue.id,
    ruleId: cue.ruleId,
    severity: cue.severity,
    ...renderCueText(cue, locale),
    countdownEndsAt:
      cue.countdownSec !== undefined ? cue.firedAt + cue.countdownSec * 1000 + clockOffsetMs : undefined,
  };
}
