import { z } from '../zodMini';

// The settings that say how a page speaks and sounds (its language, the panel's view, the outputs), apart
// from the rules': the side panel shows only these, so it reads them at open without building the
// seventeen rule schemas of settingsSchema.ts (its first paint, DESIGN.md §6). settingsSchema.ts spreads
// this shape into the full schema, so both read a field the same way.

function buildViewSettingsShape() {
  return {
    locale: z.enum(['auto', 'zh-CN', 'en']),
    mode: z.enum(['streamer', 'operator']),
    sound: z.boolean(),
    overlay: z.boolean(),
  };
}

type ViewSettingsShape = ReturnType<typeof buildViewSettingsShape>;
let shape: ViewSettingsShape | undefined;

/** The view fields' schemas, built on first use and kept: a page that never reads settings never builds them. */
export function viewSettingsShape(): ViewSettingsShape {
  shape ??= buildViewSettingsShape();
  return shape;
}

export type ViewSettings = { [K in keyof ViewSettingsShape]: z.infer<ViewSettingsShape[K]> };

export const DEFAULT_VIEW_SETTINGS: Readonly<ViewSettings> = {
  locale: 'auto',
  mode: 'operator',
  sound: false,
  overlay: false,
};

/**
 * The view fields of a stored settings object, each validated on its own: a missing or bad one reads as
 * its default (as parseSettings repairs it), and a bad field elsewhere (a rule's) leaves them alone.
 */
export function parseViewSettings(input: unknown): ViewSettings {
  const stored =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  const fields = viewSettingsShape();
  const settings: Record<string, unknown> = { ...DEFAULT_VIEW_SETTINGS };
  for (const [key, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(stored[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings as ViewSettings;
}
