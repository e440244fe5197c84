import { askedSince, askerKey, byMostAskers } from '../../core/comments/askers';
import type { CommentTopic } from '../../core/comments/commentTopics';
import type { Cue } from '../../core/engine/types';
import type { CommentRow } from '../../store/rows';

// The side panel's open questions: each `questions` cue still waiting (active or snoozed) as its topic, how
// many distinct viewers have asked it since its burst began (the cue's count, grown by the asks stored
// since, counted as the engine counts them: lib/core/comments/askers.ts), the newest of their words and
// when the newest ask came.

export interface OpenQuestion {
  cueId: string;
  topic: CommentTopic;
  askers: number;
  /** Newest first, never two alike; the cue's own quotes until newer asks are stored. */
  words: string[];
  /** Time of the newest ask (session clock). */
  lastAt: number;
  status: Cue['status'];
}

const WORDS = 3;

/** The open `questions` cues as questions, most askers first. */
export function openQuestions(cues: readonly Cue[], comments: readonly CommentRow[]): OpenQuestion[] {
  const open: OpenQuestion[] = [];
  for (const cue of cues) {
    if (cue.ruleId !== 'questions' || (cue.status !== 'active' && cue.status !== 'snoozed')) continue;
    const topic = cue.params.topic as CommentTopic;
    const since = cue.firedAt - Number(cue.params.windowSec ?? 0) * 1000;
    const askers = new Set<string>();
    const words: string[] = [];
    let lastAt = cue.firedAt;
    for (let i = comments.length - 1; i >= 0; i--) {
      const comment = comments[i]!;
      if (!askedSince(comment.ts, since)) break;
      if (!comment.topics.includes(topic)) continue;
      askers.add(askerKey(comment));
      lastAt = Math.max(lastAt, comment.ts);
      if (words.length < WORDS && !words.includes(comment.text)) words.push(comment.text);
    }
    open.push({
      cueId: cue.id,
      topic,
      askers: Math.max(Number(cue.params.askers) || 0, askers.size),
      words: words.length ? words : quotesOf(cue),
      lastAt,
      status: cue.status,
    });
  }
  return open.sort(byMostAskers);
}

/** The quotes the cue was fired with (`「…」 「…」`). */
function quotesOf(cue: Cue): string[] {
  return [...String(cue.params.words ?? '').matchAll(/「([^」]*)」/g)].map((m) => m[1]!);
}

/** Where the open questions' comments start: the earliest burst window of an open `questions` cue. */
export function questionsSince(cues: readonly Cue[]): number | null {
  let since: number | null = null;
  for (const cue of cues) {
    if (cue.ruleId !== 'questions' || (cue.status !== 'active' && cue.status !== 'snoozed')) continue;
    const from = cue.firedAt - Number(cue.params.windowSec ?? 0) * 1000;
    since = since === null ? from : Math.min(since, from);
  }
  return since;
}
