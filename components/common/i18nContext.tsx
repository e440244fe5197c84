import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createTranslator, type Locale, type Translate } from '../../lib/core/i18n/translate';
import { uiMessages } from '../../lib/core/i18n/uiMessages';

// The page's language, chosen once from the settings and the browser, handed down by context.

export interface I18n {
  locale: Locale;
  t: Translate;
}

export function createUiI18n(locale: Locale): I18n {
  return { locale, t: createTranslator(locale, uiMessages) };
}

export const I18nContext = createContext<I18n>(createUiI18n('en'));

export const useI18n = (): I18n => useContext(I18nContext);
