import type { LabelMatch } from '../../core/metrics/labelIndex';
import { matchLabel, mayBeLabelText } from '../../core/metrics/labelIndex';
import { type Exclusion, queryAll, walkText } from './pageText';

// A site's headline number (TikTok LIVE Dashboard's GMV odometer) sits in a big block whose label lies in a
// sibling branch, beside an edit button, while the same block holds other tiles and their labels: no card
// around the label holds only that number, so proximity cannot tie them. The adapter names the headline's value
// element; its label is still read off the page (the operator can switch the headline to another metric, and
// the page is localised), from the nearest sibling branch that holds one metric's label and no value of it.

export interface HeadlineFound {
  /** The headline's value element, as the adapter names it. */
  source: Element;
  label: Text;
  match: LabelMatch;
}

/** Levels climbed from the value element while looking at sibling branches for its label. */
const MAX_LEVELS = 3;
/** Siblings looked at on each side, nearest first. */
const MAX_SIBLINGS = 3;
const MAX_LABEL_CHARS = 60;

/** Every headline under the search roots (a root that is itself a headline included), with its label. */
export function locateHeadlines(
  searchRoots: readonly ParentNode[],
  selectors: readonly string[],
  exclusion: Exclusion,
  parse: (text: string, match: LabelMatch) => boolean,
): HeadlineFound[] {
  const found: HeadlineFound[] = [];
  for (const selector of selectors) {
    for (const root of searchRoots) {
      const candidates = queryAll(root, selector);
      if ((root as Node).nodeType === 1 && matches(root as Element, selector))
        candidates.unshift(root as Element);
      for (const source of candidates) {
        if (exclusion.covers(source, false) || found.some((f) => f.source === source)) continue;
        const label = headlineLabel(source, exclusion, parse);
        if (label) found.push({ source, ...label });
      }
    }
  }
  return found;
}

const matches = (el: Element, selector: string) => {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
};

/** The label of a headline: in the nearest sibling branch (of the value or of its first ancestors) that is a label only. */
function headlineLabel(
  source: Element,
  exclusion: Exclusion,
  parse: (text: string, match: LabelMatch) => boolean,
): { label: Text; match: LabelMatch } | null {
  let el: Element | null = source;
  for (let level = 0; el?.parentElement && level < MAX_LEVELS; level++, el = el.parentElement) {
    for (let distance = 1; distance <= MAX_SIBLINGS; distance++) {
      for (const sibling of [siblingAt(el, -distance), siblingAt(el, distance)]) {
        if (!sibling || sibling.contains(source)) continue;
        const label = labelOnly(sibling, exclusion, parse);
        if (label) return label;
      }
    }
  }
  return null;
}

function siblingAt(el: Element, offset: number): Element | null {
  let at: Element | null = el;
  for (let i = 0; at && i < Math.abs(offset); i++)
    at = offset < 0 ? at.previousElementSibling : at.nextElementSibling;
  return at;
}

/**
 * The label a branch holds when it is a label and nothing more: every label in it names the same metric and no
 * text in it reads as that metric's value (a tile beside the headline holds both, so it is not the headline's label).
 */
function labelOnly(
  branch: Element,
  exclusion: Exclusion,
  parse: (text: string, match: LabelMatch) => boolean,
): { label: Text; match: LabelMatch } | null {
  const texts: Text[] = [];
  walkText(branch, exclusion, (text) => {
    texts.push(text);
  });
  let first: { label: Text; match: LabelMatch } | null = null;
  const others: Text[] = [];
  for (const text of texts) {
    const data = text.data.trim();
    const match = data.length <= MAX_LABEL_CHARS && mayBeLabelText(data) ? matchLabel(data) : null;
    if (!match || match.glued) {
      others.push(text);
      continue;
    }
    if (first && first.match.metric !== match.metric) return null;
    first ??= { label: text, match };
  }
  if (!first) return null;
  const { match } = first;
  return others.some((text) => parse(text.data, match)) ? null : first;
}
