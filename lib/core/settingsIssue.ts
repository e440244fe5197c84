// What parsing a stored or pasted setting reports for each part it could not keep: the settings schema
// (lib/core/settings) and the comment words (lib/core/comments/commentLexicon.ts) both speak it, so it sits
// at the root of core, below both.

export interface SettingsIssue {
  /** Dotted path of the field that was replaced by its default or dropped, e.g. `rules.traffic-drop.dropPct`. */
  path: string;
  message: string;
}
