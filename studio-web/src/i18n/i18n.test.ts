import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it, vi } from 'vitest';
import { COMPLETE, completeEn as en, completeNl as nl } from './complete';
import { formatMessage, parseMessage } from './format';
import { initialLang, translate } from './index';
import { SECTIONS, sectionOf } from './sections';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
/** The argument names an ICU message uses, plural and select branches included. */
function argsOf(elements: Element[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    // Literals (type 0) carry text, not a name; arguments, numbers, dates, times, selects and plurals (1–6) name one.
    if (e.type >= 1 && e.type <= 6 && 'value' in e && typeof e.value === 'string') into.add(e.value);
    if ('options' in e) for (const o of Object.values(e.options) as { value: Element[] }[]) argsOf(o.value, into);
    if ('children' in e) argsOf(e.children, into);
  }
  return into;
}
/** Messages are plain text: `<Enter>` is text, not a rich-text tag (as format.ts reads them). */
const OPTIONS = { ignoreTag: true };
const placeholders = (s: string, lang: string) => [...argsOf(new IntlMessageFormat(s, lang, undefined, OPTIONS).getAst())].sort();

describe('dictionary sections', () => {
  it('hold exactly the keys their prefix names (sections.ts is the one rule), the same in both languages', () => {
    for (const section of SECTIONS) {
      for (const key of Object.keys(COMPLETE.en[section])) expect(sectionOf(key), key).toBe(section);
      expect(Object.keys(COMPLETE.nl[section]).sort(), section).toEqual(Object.keys(COMPLETE.en[section]).sort());
    }
  });

  it('are fetched when a page waits for them, and a message of a section no page named fetches its section', async () => {
    vi.resetModules();
    const i18n = await import('./index');
    await i18n.loadLanguage('nl');
    expect(i18n.translate('nl', 'nav.gallery')).toBe('Galerie');
    // No provider has shown a language yet: a page's sections then come with the language.
    expect(i18n.translate('nl', 'workshop.title')).toBe('workshop.title');
    await vi.waitFor(() => expect(i18n.translate('nl', 'workshop.title')).toBe('Workshops'));
    // What pages asked for comes along when the visitor switches language.
    await i18n.loadSections(['staff']);
    await i18n.loadLanguage('en');
    expect(i18n.isLanguageLoaded('en')).toBe(true);
    expect(i18n.translate('en', 'staff.pages')).toBe('Staff pages');
    expect(i18n.translate('en', 'studio.title')).toBe('studio.title');
  });
});

describe('dictionaries', () => {
  it('have the same keys and no empty strings', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const d of [en, nl]) for (const v of Object.values(d)) expect(v.trim()).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(nl[key], 'nl'), key).toEqual(placeholders(en[key], 'en'));
  });

  it('are valid ICU messages', () => {
    for (const [lang, d] of [['en', en], ['nl', nl]] as const)
      for (const [key, text] of Object.entries(d)) expect(() => new IntlMessageFormat(text, lang, undefined, OPTIONS), `${lang} ${key}`).not.toThrow();
  });

  it('fills in placeholders', () => {
    expect(translate('nl', 'common.pageOf', { page: 2, pages: 5 })).toBe('Pagina 2 van 5');
  });

  it.each([
    ['en', 'collection.total', 1, '1 work'],
    ['en', 'collection.total', 2, '2 works'],
    ['en', 'collection.total', 0, '0 works'],
    ['nl', 'collection.total', 1, '1 werk'],
    ['nl', 'collection.total', 24, '24 werken'],
    ['en', 'collection.totalMore', 1000, 'more than 1,000 works'],
    ['nl', 'collection.totalMore', 1000, 'meer dan 1.000 werken'],
    ['en', 'layers.drawing', 1, 'Drawing (1 stroke)'],
    ['nl', 'layers.drawing', 1, 'Tekening (1 lijn)'],
    ['nl', 'layers.drawing', 3, 'Tekening (3 lijnen)'],
    ['en', 'prov.draw', 1, 'Drew 1 stroke by hand.'],
    ['nl', 'prov.draw', 2, '2 lijnen met de hand getekend.'],
    ['en', 'remix.position', 1, 'Waiting in the queue: 1 ahead of you'],
    ['nl', 'remix.position', 1, 'In de rij: er is er 1 voor je'],
    ['nl', 'remix.position', 4, 'In de rij: er zijn er 4 voor je'],
  ] as const)('%s %s with %i: %j (plural rules of the language)', (lang, key, n, expected) => {
    expect(translate(lang, key, { n })).toBe(expected);
  });

  it('formats every message as intl-messageformat does (format.ts reads the ICU the dictionaries use)', () => {
    for (const [lang, d] of [['en', en], ['nl', nl]] as const) {
      for (const [key, text] of Object.entries(d)) {
        const names = placeholders(text, lang);
        for (const n of [0, 1, 2, 5, 21, 1000]) {
          const vars = Object.fromEntries(names.map((name) => [name, n]));
          expect(formatMessage(parseMessage(text), lang, vars), `${lang} ${key} ${n}`).toBe(String(new IntlMessageFormat(text, lang, undefined, OPTIONS).format(vars)));
        }
        const words = Object.fromEntries(names.map((name) => [name, 'Zee']));
        if (!/plural|number/.test(text)) expect(formatMessage(parseMessage(text), lang, words)).toBe(String(new IntlMessageFormat(text, lang, undefined, OPTIONS).format(words)));
      }
    }
  });

  it.each([
    ["It''s {n}", 'It\'s 2'],
    ["'{literal}' and {n}", '{literal} and 2'],
    ["{n, plural, one {# item'#'} other {# items '#'}}", '2 items #'],
    ['{x, select, a {A {n}} other {O}}', 'O'],
    ['{n, number} works', '2 works'],
    ['Press <Enter> to add {n}', 'Press <Enter> to add 2'],
  ])('reads ICU quoting, select and number like intl-messageformat: %s', (text, expected) => {
    const vars = { n: 2, x: 'b' };
    expect(formatMessage(parseMessage(text), 'en', vars)).toBe(expected);
    expect(String(new IntlMessageFormat(text, 'en', undefined, OPTIONS).format(vars))).toBe(expected);
  });

  it('refuses what it cannot read, so a new kind of message fails here first', () => {
    expect(() => parseMessage('{d, date, short}')).toThrow(/unsupported/);
    expect(() => parseMessage('{n, plural, one {x}}')).toThrow(/other/);
    expect(() => parseMessage('unbalanced }')).toThrow();
  });

  it('shows the message rather than throwing when a value is missing', () => {
    expect(translate('en', 'collection.total')).toBe('{n, plural, one {# work} other {# works}}');
  });

  it('prefers the saved language, else Dutch for nl browsers', () => {
    localStorage.setItem('atelier.lang', 'en');
    expect(initialLang()).toBe('en');
    localStorage.removeItem('atelier.lang');
    expect(initialLang()).toBe(navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en');
  });
});
