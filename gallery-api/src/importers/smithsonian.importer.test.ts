/**
 * Issue 15, defect 5: Smithsonian Open Access rows built from the EDAN search answer (collections.md §6) and the
 * shared fixture's shape: display dates against indexed ranges, the full size from IDS's info.json, a landing page
 * from the record's identifiers, and a mirror (`--base-url`) that serves IDS too.
 */
import { describe, expect, it } from 'vitest';
import { WorkImageProblem } from '../services/collection-import.service';
import { harvestAll, memoryFetcher } from './importer.test-support';
import { idsRoot, smithsonianCandidate, smithsonianImporter } from './smithsonian.importer';

const row = (over: { date?: string; indexed?: string[]; idsId?: string; recordLink?: string | null; guid?: string | null; identifiers?: { label: string; content: string }[] } = {}) => ({
  id: 'ld1-1', url: 'edanmdm:saam_1929.6.1', title: 'Title from the row',
  content: {
    descriptiveNonRepeating: {
      record_ID: 'saam_1929.6.1', unit_code: 'SAAM', data_source: 'Smithsonian American Art Museum', title: { label: 'Title', content: 'Sunset' },
      ...(over.recordLink === null ? {} : { record_link: over.recordLink ?? 'https://americanart.si.edu/object/saam_1929.6.1' }),
      ...(over.guid === null ? {} : { guid: over.guid ?? 'http://n2t.net/ark:/65665/ys7abc' }),
      metadata_usage: { access: 'CC0' },
      online_media: { mediaCount: 1, media: [{ type: 'Images', idsId: over.idsId ?? 'SAAM-1929.6.1_1', content: 'https://ids.si.edu/ids/deliveryService?id=SAAM-1929.6.1_1', usage: { access: 'CC0' } }] },
    },
    freetext: { date: [{ label: 'Date', content: over.date ?? '1919' }], name: [{ label: 'Artist', content: 'Childe Hassam, born Dorchester, MA 1859-died East Hampton, NY 1935' }], identifier: over.identifiers ?? [] },
    indexedStructured: { date: over.indexed ?? ['1920s'] },
  },
});

describe('Smithsonian dates', () => {
  it('keeps the display date and a range that contains it when the indexed range disagrees ("1919" against the 1920s)', () => {
    const c = smithsonianCandidate(row(), memoryFetcher({}).http);
    expect(c).toMatchObject({ dateDisplay: '1919', dateStart: 1919, dateEnd: 1919 });
  });

  it('keeps the indexed range when it contains the display date', () => {
    expect(smithsonianCandidate(row({ date: 'ca. 1925', indexed: ['1920s'] }), memoryFetcher({}).http)).toMatchObject({ dateStart: 1920, dateEnd: 1929 });
    expect(smithsonianCandidate(row({ date: '1919', indexed: ['1910s', '1920s'] }), memoryFetcher({}).http)).toMatchObject({ dateStart: 1910, dateEnd: 1929 });
  });
});

describe('Smithsonian sizes', () => {
  it('states no pixel size, so the import asks the IDS service info.json for the full one', async () => {
    const { http, asked } = memoryFetcher({ '/ids/iiif/SAAM-1929.6.1_1/info.json': { '@id': 'x', width: 5122, height: 3911 } });
    const c = smithsonianCandidate(row(), http);
    expect(c).toMatchObject({ iiifService: 'https://ids.si.edu/ids/iiif/SAAM-1929.6.1_1' });
    expect(c.pixelWidth ?? null).toBeNull();
    expect(await c.image?.fullSize?.()).toEqual({ width: 5122, height: 3911 });
    expect(asked).toEqual(['/ids/iiif/SAAM-1929.6.1_1/info.json']);
  });
});

describe('Smithsonian landing pages', () => {
  it('uses record_link, then guid, then an identifier that is a link, then the collection search page of the EDAN record', () => {
    const http = memoryFetcher({}).http;
    expect(smithsonianCandidate(row(), http).landingUrl).toBe('https://americanart.si.edu/object/saam_1929.6.1');
    expect(smithsonianCandidate(row({ recordLink: null }), http).landingUrl).toBe('http://n2t.net/ark:/65665/ys7abc');
    expect(smithsonianCandidate(row({ recordLink: null, guid: null, identifiers: [{ label: 'Object number', content: '1929.6.1' }, { label: 'ARK', content: 'ark:/65665/ys7def' }] }), http).landingUrl)
      .toBe('http://n2t.net/ark:/65665/ys7def');
    expect(smithsonianCandidate(row({ recordLink: null, guid: null }), http).landingUrl).toBe('https://collections.si.edu/search/detail/edanmdm:saam_1929.6.1');
  });
});

describe('a mirror of the Smithsonian (--base-url) serves IDS too', () => {
  it('builds IDS addresses on the mirror, so an offline mirror works', async () => {
    expect(idsRoot('https://api.si.edu/openaccess/api/v1.0')).toBe('https://ids.si.edu/');
    expect(idsRoot('http://mirror.local/si')).toBe('http://mirror.local/si/');
    const base = 'http://mirror.local/si';
    const { http, asked } = memoryFetcher({
      '/si/search': { status: 200, response: { rowCount: 1, rows: [row()] } },
      '/si/ids/iiif/SAAM-1929.6.1_1/full/!1024,1024/0/default.jpg': 'jpeg bytes',
    });
    const { candidates } = await harvestAll(smithsonianImporter, http, { baseUrl: base, apiKey: 'k' });
    expect(candidates[0]).toMatchObject({ iiifService: 'http://mirror.local/si/ids/iiif/SAAM-1929.6.1_1', imageUrl: 'http://mirror.local/si/ids/deliveryService?id=SAAM-1929.6.1_1' });
    await candidates[0]?.image?.read();
    expect(asked.at(-1)).toBe('/si/ids/iiif/SAAM-1929.6.1_1/full/!1024,1024/0/default.jpg');
    await expect(smithsonianCandidate(row(), memoryFetcher({}).http).image?.read()).rejects.toBeInstanceOf(WorkImageProblem);
  });

  it('refuses a row whose image is not CC0 with the reason the record gives', () => {
    const closed = row();
    closed.content.descriptiveNonRepeating.online_media.media[0]!.usage = { access: 'Usage conditions apply' };
    expect(smithsonianCandidate(closed, memoryFetcher({}).http)).toMatchObject({ licence: null, refusal: 'Not released as CC0 by the Smithsonian (usage.access: Usage conditions apply).' });
  });
});
