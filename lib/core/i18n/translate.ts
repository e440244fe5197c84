// A small typed translator: catalogs are plain objects of templates with `{name}` placeholders.
// Each area keeps its own catalog file (uiMessages, sessionsMessages, cueMessages) and registers it here.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type LocaleSetting = Locale | 'auto';

export type Catalog<K extends string = string> = Readonly<Record<K, string>>;
export type LocalisedCatalog<K extends string = string> = Readonly<Record<Locale, Catalog<K>>>;
/** The keys a catalog holds, for typing `t('…')` calls against it. */
export type KeyOf<C> = C extends LocalisedCatalog<infer K> ? K : never;

/**
 * A catalog in both languages. The English side names the keys; the Chinese side must have exactly the
 * same ones, so a missing or stray translation fails to compile.
 */
export function defineCatalog<const En extends Record<string, string>, Zh extends Record<keyof En, string>>(
  en: En,
  zh: Zh & Record<Exclude<keyof Zh, keyof En>, never>,
): LocalisedCatalog<keyof En & string> {
  return { en, 'zh-CN': zh };
}

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

export type Translate<K extends string = string> = (
  key: K,
  params?: Record<string, string | number>,
) => string;

/** The template for `key` in the locale, else in English; undefined when no catalog has it. */
function templateFor(locale: Locale, catalogs: readonly LocalisedCatalog<string>[], key: string) {
  for (const lang of [locale, 'en'] as const) {
    for (const catalog of catalogs) {
      const template = (catalog[lang] as Catalog)[key];
      if (template !== undefined) return template;
    }
  }
  return undefined;
}

/**
 * A translator typed by its catalogs: `t('…')` with a key no catalog holds fails to compile. At run time a
 * gap shows as the key itself, never blank.
 */
export function createTranslator<C extends LocalisedCatalog<string>[]>(
  locale: Locale,
  ...catalogs: C
): Translate<KeyOf<C[number]>> {
  return (key, params) => fillTemplate(templateFor(locale, catalogs, key) ?? key, params);
}

/**
 * A translator for keys that come from stored data (a cue's title in the database, a metric id in its
 * params): they may name a text this build no longer has, which then shows as the key itself.
 */
export function createStoredKeyTranslator(
  locale: Locale,
  ...catalogs: LocalisedCatalog<string>[]
): Translate {
  return (key, params) => fillTemplate(templateFor(locale, catalogs, key) ?? key, params);
}
