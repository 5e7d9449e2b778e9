/** The languages the studio speaks, interface and data alike. */
export const LANGS = ['en', 'nl'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

export const isLang = (v: unknown): v is Lang => (LANGS as readonly unknown[]).includes(v);

/**
 * The text in `lang` from a per-language map (`{ "en": "The Harvesters", "nl": "De korenoogst" }`), else the
 * default text: a work's title and description are shown in the visitor's language wherever the source gave one.
 */
export function textIn<T extends string | null>(texts: Readonly<Record<string, string>> | null | undefined, lang: Lang, fallback: T): string | T {
  return texts?.[lang]?.trim() || fallback;
}
