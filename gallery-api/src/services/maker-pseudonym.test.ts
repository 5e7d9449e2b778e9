import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPseudonymWords } from '@atelier/prompts/pupil-pseudonyms';
import { makerPseudonym, makerPseudonyms } from './maker-pseudonym';

const words = loadPseudonymWords();
const keyed = (secret: string) => (purpose: string, value: string) => createHmac('sha256', secret).update(purpose).update('\0').update(value).digest('hex');

describe('maker pseudonym', () => {
  it('is the same for every creation of one session, bilingual with one number', () => {
    const of = makerPseudonyms(words, keyed('secret one'));
    const a = of('session-a');
    expect(of('session-a')).toEqual(a);
    expect(a.en).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+( [A-Z][a-z]+)* ([1-9]|[1-9][0-9])$/);
    expect(a.nl.split(' ').at(-1)).toBe(a.en.split(' ').at(-1));
    const adjective = words.adjectives.find((w) => a.en.startsWith(`${w.en} `))!;
    expect(a.nl.startsWith(`${adjective.nl} `)).toBe(true);
  });

  it('differs between sessions, mostly: 1000 sessions share few names', () => {
    const of = makerPseudonyms(words, keyed('secret one'));
    const names = new Set(Array.from({ length: 1000 }, (_, i) => of(`session-${i}`).en));
    // 16 × 24 × 99 = 38,016 names: 1000 sessions collide about 13 times by the birthday bound.
    expect(names.size).toBeGreaterThan(960);
  });

  it('follows the secret: the same session under another secret is (almost always) another name', () => {
    const one = makerPseudonyms(words, keyed('secret one'));
    const two = makerPseudonyms(words, keyed('secret two'));
    const same = Array.from({ length: 200 }, (_, i) => `s${i}`).filter((s) => one(s).en === two(s).en).length;
    expect(same).toBeLessThan(5);
  });

  it('refuses anything but a keyed hash, so free text can never become a name', () => {
    expect(() => makerPseudonym(words, 'Jan de Vries')).toThrow(/keyed hash/);
  });
});
