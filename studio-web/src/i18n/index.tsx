import { isLang, type Lang } from '@atelier/contracts/lang';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey, Messages } from './en';
import { formatMessage, parseMessage, type Message } from './format';

export type { Lang };
const STORAGE_KEY = 'atelier.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Each language's dictionary is its own chunk, fetched when the language is first used (main.tsx waits for the
 * visitor's before the first render), so a page ships one language, not both.
 */
const LOADERS: Record<Lang, () => Promise<Messages>> = {
  en: () => import('./en').then((m) => m.en),
  nl: () => import('./nl').then((m) => m.nl),
};
const dictionaries: Partial<Record<Lang, Messages>> = {};
const loading = new Map<Lang, Promise<void>>();

/** Makes `lang`'s messages available (tests register both up front: test-setup.ts). */
export function registerDictionary(lang: Lang, messages: Messages): void {
  dictionaries[lang] = messages;
}

export function loadLanguage(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return Promise.resolve();
  let pending = loading.get(lang);
  if (!pending) {
    pending = LOADERS[lang]().then((m) => registerDictionary(lang, m));
    // A failed fetch (offline kiosk) may be tried again on the next switch.
    pending.catch(() => loading.delete(lang));
    loading.set(lang, pending);
  }
  return pending;
}

export const isLanguageLoaded = (lang: Lang): boolean => dictionaries[lang] !== undefined;

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode, kiosk policies): fall back to the browser language.
  }
  return navigator.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

const parsed = new Map<string, Message>();

/**
 * A message in ICU MessageFormat (`{n, plural, one {# work} other {# works}}`; a plain `{name}` is valid ICU; see
 * format.ts for the subset), with the plural rules and number formats of `lang`. Each message is parsed once.
 */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang]?.[key];
  if (text === undefined) return key;
  if (!text.includes('{') && !text.includes("'")) return text;
  const id = `${lang}\u0000${key}`;
  try {
    let message = parsed.get(id);
    if (!message) parsed.set(id, (message = parseMessage(text)));
    return formatMessage(message, lang, vars);
  } catch {
    // A value the message needs is missing: show its text rather than break the page.
    return text;
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
    const apply = () => {
      setLangState(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not persisted; the choice still holds for this visit.
      }
    };
    // A loaded language switches at once; the other one once its chunk has arrived (offline: stays as it is).
    if (isLanguageLoaded(next)) apply();
    else loadLanguage(next).then(apply, () => undefined);
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
