/** The languages the studio speaks, interface and data alike. */
export const LANGS = ['en', 'nl'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

export const isLang = (v: unknown): v is Lang => (LANGS as readonly unknown[]).includes(v);
