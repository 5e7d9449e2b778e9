/**
 * The National Gallery of Art open-data CSVs and Smithsonian Open Access, served over real HTTP from the local
 * fixture server into the real Postgres. The Smithsonian row is the shared fixture; the NGA CSVs use the
 * published headers (collections.md §7), since the real files are too large to keep as fixtures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ngaImporter } from '@atelier/gallery-api/importers/nga.importer';
import { findImporter } from '@atelier/gallery-api/importers/registry';
import type { SourceImporter } from '@atelier/gallery-api/importers/remote-source';
import { smithsonianCandidate, smithsonianImporter } from '@atelier/gallery-api/importers/smithsonian.importer';

/** The fixture row as the tests edit it (the importer itself trusts no field of it). */
interface SiRow {
  content?: {
    descriptiveNonRepeating?: { record_ID?: string; online_media?: { media?: { usage?: { access: string }; idsId?: string }[] } };
    freetext?: { name?: { label: string; content: string }[]; objectRights?: { label: string; content: string }[] };
  };
}
import { HttpFetcher } from '@atelier/gallery-api/repositories/http-fetcher';
import type { SyncOptions } from '@atelier/gallery-api/services/collection-sync.service';
import { startCollectionHarness, type CollectionHarness } from './collection-harness';
import { fixtureText, type FixtureServer } from './collection-fixture-server';

let h: CollectionHarness;
let server: FixtureServer;
let works: CollectionHarness['repositories']['works'];

beforeAll(async () => {
  h = await startCollectionHarness();
  server = h.server;
  works = h.repositories.works;
});

afterAll(async () => h?.close());

const run = (importer: SourceImporter, opts: Partial<SyncOptions> & { baseUrl: string }) => h.run(importer, opts, { maxDelayMs: 200 });

describe('National Gallery of Art open data (objects.csv + published_images.csv)', () => {
  it('joins the two files, imports open-access primaries as CC0 and refuses the others', async () => {
    const iiif = (uuid: string) => `${server.base}/img/api.nga.gov/iiif/${uuid}`;
    server.text('/nga/objects.csv', '\uFEFFobjectid,uuid,accessionnum,title,displaydate,beginyear,endyear,medium,attribution,creditline\r\n'
      + '1138,u1,1937.1.24,"Saint George and the Dragon, a panel",c. 1432/1435,1432,1435,oil on panel,Rogier van der Weyden,Ailsa Mellon Bruce Fund\r\n'
      + '46114,u2,1942.9.97,"The ""Dancers""",1899,1899,1899,"pastel,\non paper",Edgar Degas,Widener Collection\r\n'
      + '999,u3,2000.1.1,No image here,,,,,,\r\n'
      + '777,u4,1990.2.2,Only an alternate view,,,,,Anonymous,\r\n');
    server.text('/nga/published_images.csv', 'uuid,iiifurl,iiifthumburl,viewtype,sequence,width,height,maxpixels,openaccess,created,modified,depictstmsobjectid,assistivetext\n'
      + `i2,${iiif('i2')},,primary,1,2400,3000,,1,,,1138,\n`
      + `i1,${iiif('i1')},,primary,0,3000,4000,,1,,,1138,"a knight, a dragon"\n`
      + `i3,${iiif('i3')},,primary,0,1000,800,640,0,,,46114,\n`
      + `i4,${iiif('i4')},,alternate,0,1000,800,,1,,,777,\n`);
    const report = await run(ngaImporter, { baseUrl: `${server.base}/nga` });
    expect(report).toMatchObject({ imported: 1, refused: 1, failed: 0 });
    expect(await works.findBySource('nga', '1138')).toMatchObject({
      title: 'Saint George and the Dragon, a panel', creator: 'Rogier van der Weyden', dateDisplay: 'c. 1432/1435', dateStart: 1432, dateEnd: 1435,
      institution: 'National Gallery of Art, Washington', licenceFamily: 'cc0', iiifService: iiif('i1'), width: 3000, height: 4000,
      landingUrl: 'https://www.nga.gov/collection/art-object-page.1138.html',
    });
    // The lowest sequence of two primaries, fetched bounded through IIIF.
    expect(server.requests.map((r) => r.path)).toContain('/img/api.nga.gov/iiif/i1/full/!1024,1024/0/default.jpg');
    const degas = await works.findBySource('nga', '46114');
    expect(degas).toMatchObject({ title: 'The "Dancers"', medium: 'pastel, on paper', licenceStatus: 'refused', imageSha256: null });
    expect(server.requests.some((r) => r.path.includes('/i3/'))).toBe(false);
    expect(await works.findBySource('nga', '777')).toBeNull();
  });
});

describe('Smithsonian Open Access (EDAN search rows)', () => {
  const fixture = () => JSON.parse(server.localise(fixtureText('smithsonian/record-nmnhvz_14800560.json'))) as SiRow;

  it('imports CC0 rows with their CC0 image, sends the key, and refuses a row whose image is not CC0', async () => {
    const open = fixture();
    const closed = fixture();
    closed.content!.descriptiveNonRepeating!.record_ID = 'saam_restricted';
    closed.content!.descriptiveNonRepeating!.online_media!.media![0]!.usage = { access: 'Usage conditions apply' };
    server.json('/si/search', { status: 200, response: { rows: [open, closed], rowCount: 2 } });
    const report = await run(smithsonianImporter, { baseUrl: `${server.base}/si`, apiKey: 'test_key' });
    expect(report).toMatchObject({ imported: 1, refused: 1, failed: 0 });
    const search = server.requests.find((r) => r.path.startsWith('/si/search'));
    expect(new URL(search!.path, server.base).searchParams.get('q')).toBe('online_media_type:Images AND media_usage:CC0');
    expect(new URL(search!.path, server.base).searchParams.get('api_key')).toBe('test_key');
    expect(await works.findBySource('si', 'nmnhvz_14800560')).toMatchObject({
      title: 'Passerculus sandwichensis nevadensis', creator: null, dateDisplay: '22 Apr 1958', dateStart: 1950, dateEnd: 1959,
      institution: 'NMNH - Vertebrate Zoology - Birds Division', landingUrl: 'http://n2t.net/ark:/65665/34857ca78-9195-4156-849b-1ec47f7cd1ce',
      licenceFamily: 'cc0', iiifService: null, imageUrl: `${server.base}/img/collections.nmnh.si.edu/media/?irn=15814382`,
    });
    expect((await works.findBySource('si', 'saam_restricted'))?.licenceStatus).toBe('refused');
  });

  it('names makers only (not collectors) and uses the IDS IIIF service for IDS ids', () => {
    const row = fixture();
    row.content!.freetext!.name = [{ label: 'Artist', content: 'Mary Cassatt, born Allegheny City, PA 1844-died 1926' }, { label: 'Donor', content: 'Someone' }];
    row.content!.descriptiveNonRepeating!.online_media!.media![0]!.idsId = 'SAAM-1929.6.1_1';
    row.content!.freetext!.objectRights = [{ label: 'Restrictions & Rights', content: 'No Copyright - United States' }];
    const c = smithsonianCandidate(row as Record<string, unknown>, new HttpFetcher());
    expect(c).toMatchObject({
      creator: 'Mary Cassatt, born Allegheny City, PA 1844-died 1926', iiifService: 'https://ids.si.edu/ids/iiif/SAAM-1929.6.1_1',
      licence: 'https://creativecommons.org/publicdomain/zero/1.0/', rightsStatement: 'usage.access: CC0; No Copyright - United States',
    });
  });

  it('reads the full size from IDS info.json and, on a mirror, fetches IDS from the mirror too (issue 15, defect 5)', async () => {
    const row = fixture();
    row.content!.descriptiveNonRepeating!.record_ID = 'saam_1929.6.1';
    row.content!.descriptiveNonRepeating!.online_media!.media![0]!.idsId = 'SAAM-1929.6.1_1';
    server.json('/si-mirror/search', { status: 200, response: { rows: [row], rowCount: 1 } });
    server.infoSize('/si-mirror/ids/iiif/SAAM-1929.6.1_1', 5122, 3911);
    const report = await run(smithsonianImporter, { baseUrl: `${server.base}/si-mirror`, apiKey: 'test_key' });
    expect(report).toMatchObject({ imported: 1, failed: 0 });
    expect(await works.findBySource('si', 'saam_1929.6.1')).toMatchObject({
      iiifService: `${server.base}/si-mirror/ids/iiif/SAAM-1929.6.1_1`, width: 5122, height: 3911,
    });
    const paths = server.requests.map((r) => r.path);
    expect(paths).toContain('/si-mirror/ids/iiif/SAAM-1929.6.1_1/full/!1024,1024/0/default.jpg');
    expect(paths).toContain('/si-mirror/ids/iiif/SAAM-1929.6.1_1/info.json');
  });

  it('is registered with its key variable and the documented quota', () => {
    expect(findImporter('smithsonian')).toBe(smithsonianImporter);
    expect(findImporter('nga')).toBe(ngaImporter);
    expect(smithsonianImporter).toMatchObject({ needsKey: true, keyEnv: 'SMITHSONIAN_API_KEY', rate: { perSecond: 0.27 } });
  });
});

describe('--limit', () => {
  it('stops every source at the limit, the NGA and Smithsonian ones included (they once harvested past it)', async () => {
    const row = JSON.parse(server.localise(fixtureText('smithsonian/record-nmnhvz_14800560.json'))) as SiRow;
    const second = structuredClone(row);
    second.content!.descriptiveNonRepeating!.record_ID = 'second_row';
    server.json('/si/search', { status: 200, response: { rows: [row, second], rowCount: 2 } });
    const si = await run(smithsonianImporter, { baseUrl: `${server.base}/si`, apiKey: 'test_key', limit: 1 });
    expect(si.outcomes).toHaveLength(1);
    const nga = await run(ngaImporter, { baseUrl: `${server.base}/nga`, limit: 1 });
    expect(nga.outcomes).toHaveLength(1);
  });
});
