// A small typed translator: catalogs are plain objects of templates with `{name}` placeholders.
// Each area keeps its own catalog file (uiMessages, popupMessages, cueMessages) and registers it here.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type LocaleSetting = Locale | 'auto';

export type Catalog = Record<string, string>;
export type LocalisedCatalog = Record<Locale, Catalog>;

/** The browser's language decides when the setting is `auto`: Chinese of any region → zh-CN, else en. */
export function resolveLocale(setting: LocaleSetting, browserLanguage: string | undefined): Locale {
  if (setting !== 'auto') return setting;
  return browserLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Looks a key up in the locale, then in English, then returns the key itself so a gap is visible, not blank. */
export function createTranslator(locale: Locale, ...catalogs: LocalisedCatalog[]): Translate {
  return (key, params) => {
    for (const lang of [locale, 'en'] as const) {
      for (const catalog of catalogs) {
        const template = catalog[lang][key];
        if (template !== undefined) return fillTemplate(template, params);
      }
    }
    return key;
  };
}
