/**
 * The Rijksmuseum importer over real HTTP from the local fixture server into the real Postgres. The Linked Art record
 * of Rembrandt's "Three Scribes" is the real shared fixture; the OAI-PMH pages, Search API pages, the other Linked
 * Art documents and every image are SYNTHETIC (fixtures/rijksmuseum/*.SOURCE.txt), built from collections.md §3a.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workCredit } from '@atelier/contracts/credit';
import { findImporter } from '@atelier/gallery-api/importers/registry';
import { rijksmuseumImporter } from '@atelier/gallery-api/importers/rijksmuseum.importer';
import { creditWorkOf } from '@atelier/gallery-api/services/collection-work';
import type { SyncOptions } from '@atelier/gallery-api/services/collection-sync.service';
import { startCollectionHarness, type CollectionHarness } from './collection-harness';
import { fixtureText, type FixtureServer } from './collection-fixture-server';

const local = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures/rijksmuseum', name), 'utf8');
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const XML = 'text/xml; charset=utf-8';

let h: CollectionHarness;
let server: FixtureServer;
let works: CollectionHarness['repositories']['works'];
let sources: CollectionHarness['repositories']['sources'];
let retries: string[];

/** One `<record>` of a ListRecords fixture, wrapped as the GetRecord answer for that object. */
function getRecordAnswer(id: string, edit: (record: string) => string = (r) => r): string {
  const page = local('oai-list-records-page-1.xml');
  const record = page.match(new RegExp(`<record>\\s*<header>\\s*<identifier>https://id\\.rijksmuseum\\.nl/${id}</identifier>[\\s\\S]*?</record>`))?.[0];
  if (!record) throw new Error(`no record ${id} in the fixture`);
  return `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord>${edit(record)}</GetRecord></OAI-PMH>`;
}

beforeAll(async () => {
  h = await startCollectionHarness();
  ({ server, retries } = h);
  ({ works, sources } = h.repositories);

  server.text(`/rijks/oai?${qs({ verb: 'ListRecords', metadataPrefix: 'edm' })}`, server.localise(local('oai-list-records-page-1.xml')), XML);
  server.text(`/rijks/oai?${qs({ verb: 'ListRecords', resumptionToken: 'synthetic~token~page2' })}`, server.localise(local('oai-list-records-page-2.xml')), XML);
  server.json('/rijks/id/200117708', JSON.parse(fixtureText('rijksmuseum/linked-art-hmo-200117708-rembrandt-three-scribes.json')));
  server.json('/rijks/id/200100001', JSON.parse(local('linked-art-hmo-200100001.json')));
  server.json('/rijks/id/202100001', JSON.parse(local('visual-item-202100001.json')));
  server.json('/rijks/id/203100001', JSON.parse(server.localise(local('digital-object-203100001.json'))));
  // 200100002 has no Linked Art on this server (404): its EDM record alone must be enough.
});

afterAll(async () => h?.close());

const run = (opts: Partial<SyncOptions> = {}) => h.run(rijksmuseumImporter, { baseUrl: `${server.base}/rijks`, ...opts });

describe('Rijksmuseum (OAI-PMH EDM + Linked Art)', () => {
  it('is registered as rijksmuseum (alias rijks), incremental, at one polite request a second', () => {
    expect(findImporter('rijks')).toBe(rijksmuseumImporter);
    expect(findImporter('RIJKSMUSEUM')).toBe(rijksmuseumImporter);
    expect(rijksmuseumImporter).toMatchObject({ incremental: true, rate: { perSecond: 1 }, defaultBaseUrl: 'https://data.rijksmuseum.nl' });
  });

  it('harvests every page after a 429, imports PDM and CC0, refuses InC and missing rights without fetching their images', async () => {
    server.fail('/rijks/oai', [429], { 'retry-after': '0' });
    const report = await run();
    expect(retries).toContain('HTTP 429 /rijks/oai');
    expect(report).toMatchObject({ imported: 3, refused: 2, failed: 0, since: null });
    // Paging: the second page is asked with the token alone, as OAI-PMH requires.
    expect(server.requests.some((r) => r.path === `/rijks/oai?${qs({ verb: 'ListRecords', resumptionToken: 'synthetic~token~page2' })}`)).toBe(true);

    const scribes = await works.findBySource('rijksmuseum', '200117708');
    expect(scribes).toMatchObject({
      title: 'Three Scribes', creator: 'Rembrandt van Rijn', dateDisplay: 'c. 1628 - c. 1629', dateStart: 1628, dateEnd: 1629,
      medium: 'pen and brown ink, with brown wash and opaque white', institution: 'Rijksmuseum',
      landingUrl: 'https://www.rijksmuseum.nl/nl/collectie/object/RP-T-1930-54(V)--fd59b34d66487dc82649b7c76502ad4b',
      licenceStatus: 'accepted', licenceFamily: 'pdm', licenceUri: 'https://creativecommons.org/publicdomain/mark/1.0/',
      rightsStatement: 'http://creativecommons.org/publicdomain/mark/1.0/',
      iiifService: `${server.base}/img/iiif.micr.io/SYNTHscribes`, width: 4160, height: 5320,
    });
    // English is the display title; both are kept per language (searchable in either, shown in the visitor's).
    expect(scribes?.titles).toEqual({ en: 'Three Scribes', nl: 'Drie schriftgeleerden onder een gordijn' });
    expect(scribes?.description).toBeNull();
    // The Rijksmuseum asks for no attribution of its own: the credit is the one builder's TASL line.
    expect(scribes?.attribution).toBeNull();
    expect(workCredit(creditWorkOf(scribes!), 'en')).toBe(
      '“Three Scribes” by Rembrandt van Rijn, c. 1628 - c. 1629. Rijksmuseum, https://www.rijksmuseum.nl/nl/collectie/object/RP-T-1930-54(V)--fd59b34d66487dc82649b7c76502ad4b. ' +
        'Public domain: Public Domain Mark 1.0 (https://creativecommons.org/publicdomain/mark/1.0/).',
    );
    expect(server.requests.some((r) => r.path === '/img/iiif.micr.io/SYNTHscribes/full/!1024,1024/0/default.jpg')).toBe(true);
    const resolver = server.requests.find((r) => r.path === '/rijks/id/200117708');
    expect(resolver?.headers).toMatchObject({ accept: 'application/ld+json', profile: 'https://linked.art/ns/v1/linked-art.json' });
    expect(server.requests.some((r) => r.path === '/rijks/id/202117708')).toBe(false); // EDM named the image already

    // No Linked Art (404): EDM's own title, inline agent, display date (→ range) and isShownAt stand in.
    expect(await works.findBySource('rijksmuseum', '200100002')).toMatchObject({
      title: 'River View with Ferry & Cattle', creator: 'Salomon van Ruysdael', dateDisplay: '1650 - 1660', dateStart: 1650, dateEnd: 1660,
      landingUrl: 'https://www.rijksmuseum.nl/en/collection/SYNTH-CC0-2', licenceFamily: 'cc0',
      description: 'A ferry <crosses> the river.',
      titles: { en: 'River View with Ferry & Cattle', nl: 'Rivierlandschap met veerpont en vee' },
      descriptions: { en: 'A ferry <crosses> the river.', nl: 'Een veerpont steekt de rivier over.' },
    });

    // No isShownBy in EDM: HMO shows[0] → VisualItem → DigitalObject (by reference) → micr.io.
    expect(await works.findBySource('rijksmuseum', '200100001')).toMatchObject({
      title: 'Still Life with Flowers', creator: 'Rachel Ruysch; Jan van Huysum', dateStart: 1700, dateEnd: 1710,
      titles: { en: 'Still Life with Flowers', nl: 'Stilleven met bloemen' }, iiifService: `${server.base}/img/iiif.micr.io/SYNTHflowers`, licenceFamily: 'pdm',
      // EDM states no size for this image: the full size is the IIIF service's info.json's, not the 1024 px download's.
      width: 4000, height: 3000,
    });

    const inc = report.outcomes.find((o) => o.sourceId === '200100003');
    expect(inc).toMatchObject({ kind: 'refused', reason: 'In copyright: the rights holder has not allowed reuse. (http://rightsstatements.org/vocab/InC/1.0/)' });
    expect(await works.findBySource('rijksmuseum', '200100003')).toMatchObject({
      title: 'Compositie in copyright', licenceStatus: 'refused', refusalReason: expect.stringContaining('In copyright'), imageKeys: {}, imageSha256: null,
    });
    expect(report.outcomes.find((o) => o.sourceId === '200100004')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('No licence is stated') });
    // Closed works cost neither a Linked Art request nor an image download.
    expect(server.requests.some((r) => /SYNTHincopyright|SYNTHnorights|\/rijks\/id\/20010000[34]/.test(r.path))).toBe(false);
    expect(await works.findBySource('rijksmuseum', '200100005')).toBeNull(); // deleted at the source
  });

  it('re-syncs incrementally with from=: a changed record is updated, not duplicated', async () => {
    const state = await sources.get('rijksmuseum');
    expect(state?.lastSyncedAt).toBeInstanceOf(Date);
    const from = state!.lastSyncedAt!.toISOString().slice(0, 10);
    const changed = getRecordAnswer('200117708', (r) =>
      r.replace('<edm:type>IMAGE</edm:type>', '<dc:description xml:lang="en">Three scribes seated under a curtain.</dc:description><edm:type>IMAGE</edm:type>'))
      .replace('<GetRecord>', '<ListRecords>').replace('</GetRecord>', '<resumptionToken/></ListRecords>');
    server.text(`/rijks/oai?${qs({ verb: 'ListRecords', metadataPrefix: 'edm', from })}`, server.localise(changed), XML);

    const report = await run();
    expect(report.since).toEqual(state!.lastSyncedAt);
    expect(report).toMatchObject({ imported: 0, updated: 1, refused: 0, failed: 0 });
    expect((await works.findBySource('rijksmuseum', '200117708'))?.description).toBe('Three scribes seated under a curtain.');
    const { rows } = await h.db.pool.query(`SELECT count(*)::int AS n FROM collection_works WHERE source = 'rijksmuseum'`);
    expect(rows[0].n).toBe(5);
  });

  it('with --query pages the Search API and reads each object through GetRecord, reporting an unknown one', async () => {
    server.json(`/rijks/search/collection?${qs({ title: 'scribes', imageAvailable: 'true' })}`, JSON.parse(local('search-collection-page-1.json')));
    server.json(`/rijks/search/collection?${qs({ title: 'scribes', imageAvailable: 'true', pageToken: 'SYNTHtoken2' })}`, JSON.parse(local('search-collection-page-2.json')));
    for (const id of ['200117708', '200100003']) {
      server.text(`/rijks/oai?${qs({ verb: 'GetRecord', metadataPrefix: 'edm', identifier: `https://id.rijksmuseum.nl/${id}` })}`, server.localise(getRecordAnswer(id)), XML);
    }
    const report = await run({ query: 'scribes', since: null });
    const kinds = report.outcomes.map((o) => [o.sourceId, o.kind]);
    // 200117708 loses the description the incremental run added: the GetRecord answer is the original record.
    expect(kinds).toHaveLength(3);
    expect(kinds).toEqual(expect.arrayContaining([['200117708', 'updated'], ['200100003', 'refused'], ['200199999', 'failed']]));
    expect(report.outcomes.find((o) => o.sourceId === '200199999')).toMatchObject({ reason: expect.stringContaining('HTTP 404') });
    expect(server.requests.some((r) => r.path.includes('pageToken=SYNTHtoken2'))).toBe(true);
    const { rows } = await h.db.pool.query(`SELECT count(*)::int AS n FROM collection_works WHERE source = 'rijksmuseum'`);
    expect(rows[0].n).toBe(5);
  });
});
