import { describe, expect, it } from 'vitest';
import type { Lang } from '@atelier/contracts/lang';
import { translate } from '../../i18n';
import { emptyResultText } from './EmptyResult';

const say = (lang: Lang, ...[emptiedBy, q]: [Parameters<typeof emptyResultText>[0], string]) =>
  emptyResultText(emptiedBy, q, (key, vars) => translate(lang, key, vars), lang);

describe('an empty collection search says what emptied it', () => {
  it.each([
    ['en', ['words'], 'zebra', 'No work matches “zebra”. Try another word.'],
    ['nl', ['words'], 'zebra', 'Geen werk past bij “zebra”. Probeer een ander woord.'],
    ['en', ['years'], '', 'No works with the filter “Years”. Change it to see more.'],
    ['nl', ['years'], '', 'Geen werken met het filter “Jaren”. Pas het aan om meer te zien.'],
    ['en', ['institution', 'years'], '', 'No works with the filters “Museum” and “Years” together. Change one of them to see more.'],
    ['nl', ['licence', 'iiif'], '', 'Geen werken met de filters “Licentie” en “Diepe zoom (IIIF)” samen. Pas er een aan om meer te zien.'],
    ['en', ['words', 'years'], 'golf', 'Nothing matches “golf” with the filter “Years”. Try another word or change the filter.'],
    ['nl', ['words', 'years'], 'golf', 'Niets past bij “golf” met het filter “Jaren”. Probeer een ander woord of pas het filter aan.'],
    ['en', [], '', 'The collection has no works yet.'],
    ['nl', [], '', 'De collectie heeft nog geen werken.'],
    ['en', undefined, 'x', 'Nothing found. Try another word.'],
  ] as const)('%s %j with %j: %j', (lang, emptiedBy, q, expected) => {
    expect(say(lang, emptiedBy ? [...emptiedBy] : undefined, q)).toBe(expected);
  });

  it('never tells a visitor who typed no word to try another word', () => {
    for (const lang of ['en', 'nl'] as const)
      for (const parts of [['institution'], ['licence'], ['years'], ['iiif'], ['institution', 'iiif']] as const)
        expect(say(lang, [...parts], '')).not.toMatch(/word|woord/);
  });
});
