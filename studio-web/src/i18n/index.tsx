import { isLang, type Lang } from '@atelier/contracts/lang';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey, Messages } from './en';
import { formatMessage, parseMessage, type Message } from './format';
import { SECTIONS, sectionOf, type Section } from './sections';

export type { Lang };
const STORAGE_KEY = 'atelier.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Each section of each language is its own chunk (sections.ts). */
const LOADERS: Record<Lang, Record<Section, () => Promise<Partial<Messages>>>> = {
  en: {
    core: () => import('./en').then((m) => m.en),
    studio: () => import('./studio.en').then((m) => m.studioEn),
    staff: () => import('./staff.en').then((m) => m.staffEn),
    exhibitions: () => import('./exhibitions.en').then((m) => m.exhibitionsEn),
    workshops: () => import('./workshops.en').then((m) => m.workshopsEn),
  },
  nl: {
    core: () => import('./nl').then((m) => m.nl),
    studio: () => import('./studio.nl').then((m) => m.studioNl),
    staff: () => import('./staff.nl').then((m) => m.staffNl),
    exhibitions: () => import('./exhibitions.nl').then((m) => m.exhibitionsNl),
    workshops: () => import('./workshops.nl').then((m) => m.workshopsNl),
  },
};
const dictionaries: Record<Lang, Partial<Messages>> = { en: {}, nl: {} };
const loaded: Record<Lang, Set<Section>> = { en: new Set(), nl: new Set() };
const loading = new Map<string, Promise<void>>();
/** The sections the pages shown so far asked for: a language switch brings them all. */
const wanted = new Set<Section>(['core']);
/** The language on screen (the provider's), whose sections a page's chunk waits for. */
let shown: Lang | null = null;
/** Providers to re-render when a section arrives that a message asked for before it was there. */
const arrivals = new Set<() => void>();

/** Makes every section of `lang` available at once (tests register both languages up front: test-setup.ts). */
export function registerDictionary(lang: Lang, messages: Messages): void {
  Object.assign(dictionaries[lang], messages);
  for (const s of SECTIONS) loaded[lang].add(s);
}

function loadSection(lang: Lang, section: Section): Promise<void> {
  if (loaded[lang].has(section)) return Promise.resolve();
  const id = `${lang}:${section}`;
  let pending = loading.get(id);
  if (!pending) {
    pending = LOADERS[lang][section]().then((m) => {
      Object.assign(dictionaries[lang], m);
      loaded[lang].add(section);
      loading.delete(id);
      for (const arrived of arrivals) arrived();
    });
    // A failed fetch (offline kiosk) may be tried again by the next page or switch.
    pending.catch(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}

/** `lang`'s core and every section a page has asked for so far (before the first render, and on a switch). */
export function loadLanguage(lang: Lang): Promise<void> {
  return Promise.all([...wanted].map((s) => loadSection(lang, s))).then(() => undefined);
}

/**
 * A page's sections in the language on screen: its chunk waits for them, so no key shows as text. A failure is not
 * the page's: it renders, and a message still missing asks for its section again (translate).
 */
export function loadSections(sections: readonly Section[]): Promise<void> {
  for (const s of sections) wanted.add(s);
  const lang = shown;
  return lang ? Promise.all(sections.map((s) => loadSection(lang, s))).then(() => undefined, () => undefined) : Promise.resolve();
}

/** Waits for a page's chunk and its sections together (App.tsx's lazy pages). */
export function withSections<T>(sections: readonly Section[], chunk: Promise<T>): Promise<T> {
  return Promise.all([chunk, loadSections(sections)]).then(([m]) => m);
}

export const isLanguageLoaded = (lang: Lang): boolean => [...wanted].every((s) => loaded[lang].has(s));

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
  const text = dictionaries[lang][key];
  if (text === undefined) {
    // A page that did not name this key's section: fetch it; the provider renders again when it arrives.
    const section = sectionOf(key);
    if (!loaded[lang].has(section)) loadSection(lang, section).catch(() => undefined);
    return key;
  }
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
  const [lang, setLangState] = useState<Lang>(() => (shown = fixed ?? initialLang()));
  const [arrived, setArrived] = useState(0);
  useEffect(() => {
    const rerender = () => setArrived((n) => n + 1);
    arrivals.add(rerender);
    return () => void arrivals.delete(rerender);
  }, []);
  const setLang = useCallback((next: Lang) => {
    const apply = () => {
      shown = next;
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
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a section that arrived changes `t`: every message is read again
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang, arrived]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
