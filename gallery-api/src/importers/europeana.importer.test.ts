/** Issue 15, defect 7 for Europeana: language maps (`…LangAware`, collections.md §4) kept per language. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { europeanaCandidate } from './europeana.importer';
import { memoryFetcher } from './importer.test-support';

const fixture = () =>
  JSON.parse(readFileSync(resolve(REPO_ROOT, '../shared/collection-fixtures/europeana/search-cc0-27-items.json'), 'utf8')) as { items: Record<string, unknown>[] };

describe('Europeana language maps', () => {
  it('keeps titles and descriptions per language; "def" (no language) stays out of the maps but is the display default', () => {
    const item = {
      ...fixture().items[0],
      title: ['De Nachtwacht'],
      dcTitleLangAware: { def: ['De Nachtwacht'], nl: ['De Nachtwacht'], en: ['The Night Watch'], 'de-DE': ['Die Nachtwache'] },
      dcDescription: ['Schutterstuk.'],
      dcDescriptionLangAware: { nl: ['Schutterstuk.'], en: ['Militia piece.'] },
    };
    expect(europeanaCandidate(item, memoryFetcher({}).http)).toMatchObject({
      title: 'De Nachtwacht', titles: { nl: 'De Nachtwacht', en: 'The Night Watch', de: 'Die Nachtwache' },
      description: 'Schutterstuk.', descriptions: { nl: 'Schutterstuk.', en: 'Militia piece.' },
    });
  });

  it('reads the real search item, whose text is untagged ("def"), with no language claimed', () => {
    const c = europeanaCandidate(fixture().items[0]!, memoryFetcher({}).http);
    expect(c.titles).toEqual({});
    expect(c.title).toMatch(/^Claustro del Monasterio/);
  });
});
