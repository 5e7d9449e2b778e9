import { isLang, type Lang } from '@atelier/contracts/lang';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './en';
import { nl } from './nl';

export type { Lang };
export const DICTIONARIES: Record<Lang, Messages> = { nl, en };
const STORAGE_KEY = 'atelier.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode, kiosk policies): fall back to the browser language.
  }
  return navigator.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

const formats = new Map<string, IntlMessageFormat>();
/** Messages are plain text: `<Enter>` is text, not a rich-text tag. */
export const OPTIONS = { ignoreTag: true };

/**
 * A message in ICU MessageFormat (`{n, plural, one {# work} other {# works}}`; a plain `{name}` is valid ICU),
 * with the plural rules and number formats of `lang`. Each message is parsed once.
 */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  // A production build ships each message parsed (vite.messages.ts): an AST where the type says string.
  const text: string | MessageFormatElement[] = DICTIONARIES[lang][key];
  if (typeof text === 'string' && !text.includes('{')) return text;
  const id = `${lang}\u0000${key}`;
  let format = formats.get(id);
  if (!format) formats.set(id, (format = new IntlMessageFormat(text, lang, undefined, OPTIONS)));
  try {
    return String(format.format(vars));
  } catch {
    // A value the message needs is missing: show its text (or its key) rather than break the page.
    return typeof text === 'string' ? text : key;
  }
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
