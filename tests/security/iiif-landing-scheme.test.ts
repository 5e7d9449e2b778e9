/**
 * Issue 10, item 8: the IIIF importer stored `javascript:` landing URLs, which the studio then rendered as a link
 * on the work. Every importer's URLs are now checked as the folder importer's schema checks them (http and https
 * only), in one place; a manifest's `javascript:` or `data:` link is dropped and the next valid one, if any, kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workCredit } from '@atelier/contracts/credit';
import { iiifImporter } from '@atelier/gallery-api/importers/iiif.importer';
import { creditWorkOf } from '@atelier/gallery-api/services/collection-work';
import { startCollectionHarness, type CollectionHarness } from '../integration/collection-harness';

let h: CollectionHarness;
beforeAll(async () => {
  h = await startCollectionHarness();
});
afterAll(async () => h?.close());

const manifest = (base: string, id: string, links: Record<string, unknown>) => ({
  '@context': 'http://iiif.io/api/presentation/2/context.json', '@id': `${base}/iiif/${id}.json`, '@type': 'sc:Manifest', label: `Work ${id}`,
  license: 'http://creativecommons.org/publicdomain/zero/1.0/', attribution: 'Test Museum',
  ...links,
  sequences: [{ canvases: [{ '@id': `${base}/iiif/${id}/canvas`, '@type': 'sc:Canvas', width: 400, height: 300, images: [{ motivation: 'sc:painting', resource: {
    '@id': `${base}/img/iiif.micr.io/${id}/full/full/0/default.jpg`, width: 400, height: 300,
    service: { '@context': 'http://iiif.io/api/image/2/context.json', '@id': `${base}/img/iiif.micr.io/${id}`, profile: 'http://iiif.io/api/image/2/level1.json' },
  } }] }] }],
});

describe('landing URLs from IIIF manifests', () => {
  it.each([
    ['related', { related: 'javascript:alert(document.cookie)' }, null],
    ['related (object)', { related: { '@id': 'JaVaScRiPt:alert(1)', format: 'text/html' } }, null],
    ['rendering', { rendering: { '@id': 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', format: 'text/html' } }, null],
    ['homepage, a bad one first', { homepage: [{ id: 'javascript:alert(1)', type: 'Text', format: 'text/html' }, { id: 'https://museum.example/work/4', type: 'Text', format: 'text/html' }] }, 'https://museum.example/work/4'],
  ])('a %s link that is not http(s) is never stored', async (name, links, stored) => {
    const id = name.replace(/\W+/g, '-');
    h.server.json(`/iiif/${id}.json`, manifest(h.server.base, id, links));
    const report = await h.run(iiifImporter, { baseUrl: `${h.server.base}/iiif/${id}.json` });
    expect(report).toMatchObject({ imported: 1 });
    const work = await h.repositories.works.findBySource('iiif', `${h.server.base}/iiif/${id}/canvas`);
    expect(work?.landingUrl).toBe(stored);
    expect(workCredit(creditWorkOf(work!), 'en')).not.toMatch(/javascript:|data:/i);
  });
});
