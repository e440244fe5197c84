import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { sessionsMessages } from '../../lib/core/i18n/sessionsMessages';
import {
  createTranslator,
  type KeyOf,
  type Locale,
  type LocalisedCatalog,
  type Translate,
} from '../../lib/core/i18n/translate';
import { uiMessages } from '../../lib/core/i18n/uiMessages';

// The page's language, chosen once from the settings and the browser, handed down by context. Each page
// family has its catalog, and its `t` takes only that catalog's keys.

export interface I18n<K extends string> {
  locale: Locale;
  t: Translate<K>;
}

function i18nFor<C extends LocalisedCatalog<string>>(catalog: C) {
  const create = (locale: Locale): I18n<KeyOf<C>> => ({ locale, t: createTranslator(locale, catalog) });
  const Context = createContext(create('en'));
  return { create, Context, use: () => useContext(Context) };
}

/** The side panel, settings and review pages. */
const ui = i18nFor(uiMessages);
export type UiI18n = ReturnType<typeof ui.create>;
export const createUiI18n = ui.create;
export const I18nContext = ui.Context;
export const useI18n = ui.use;

/** The sessions page's own catalog. */
const sessions = i18nFor(sessionsMessages);
export const createSessionsI18n = sessions.create;
export const SessionsI18nContext = sessions.Context;
export const useSessionsI18n = sessions.use;
