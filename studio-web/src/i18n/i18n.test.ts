import { describe, expect, it } from 'vitest';
import { en } from './en';
import { initialLang, translate } from './index';
import { nl } from './nl';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys and no empty strings', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const d of [en, nl]) for (const v of Object.values(d)) expect(v.trim()).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(nl[key])).toEqual(placeholders(en[key]));
  });

  it('fills in placeholders', () => {
    expect(translate('nl', 'common.pageOf', { page: 2, pages: 5 })).toBe('Pagina 2 van 5');
  });

  it('prefers the saved language, else Dutch for nl browsers', () => {
    localStorage.setItem('atelier.lang', 'en');
    expect(initialLang()).toBe('en');
    localStorage.removeItem('atelier.lang');
    expect(initialLang()).toBe(navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en');
  });
});
