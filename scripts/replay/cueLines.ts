import type { Cue } from '../../lib/core/engine/types';
import { formatClock } from '../../lib/core/format/formatClock';
import { renderCueText } from '../../lib/core/format/renderCue';
import type { Locale } from '../../lib/core/i18n/translate';

// The replay CLI's output: one record per cue (ndjson) or an aligned table, rendered in one locale.

export interface CueLine {
  /** Seconds from the session start. */
  at: number;
  ruleId: Cue['ruleId'];
  severity: Cue['severity'];
  title: string;
  detail: string;
  /** What the rule said, unrendered (the `questions` rule's topic and askers, a drop's from and to). */
  params: Cue['params'];
  evidence: Cue['evidence'];
  status: Cue['status'];
  countdownSec?: number;
  outcome?: Cue['outcome'];
  id: string;
}

export function cueLine(cue: Cue, startedAt: number, locale: Locale): CueLine {
  const { title, detail } = renderCueText(cue, locale);
  return {
    at: (cue.firedAt - startedAt) / 1000,
    ruleId: cue.ruleId,
    severity: cue.severity,
    title,
    detail,
    params: cue.params,
    evidence: cue.evidence,
    status: cue.status,
    ...(cue.countdownSec !== undefined && { countdownSec: cue.countdownSec }),
    ...(cue.outcome && { outcome: cue.outcome }),
    id: cue.id,
  };
}

export function tableLines(lines: readonly CueLine[]): string[] {
  return lines.map(
    (line) =>
      `${formatClock(line.at * 1000).padStart(8)}  ${line.severity.padEnd(6)}  ${line.ruleId.padEnd(16)}  ${line.title}`,
  );
}
