/**
 * Issue 15, defects 3, 4 and 7 for IIIF, on manifests built from the Presentation 2.1 and 3.0 specifications and
 * the shapes publishers use (collections.md §9): v2 `attribution` sentences, creators with role and life dates,
 * landing pages from `homepage` / `related` / `rendering`, `navDate`, language maps, and painting bodies that are a
 * region of their image service.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { canvasWorks } from './iiif-manifest';
import { iiifCandidate } from './iiif.importer';
import { institutionOf, landingOf, parseCreator } from './iiif-metadata';
import { memoryFetcher } from './importer.test-support';

const V2 = 'http://iiif.io/api/presentation/2/context.json';
const V3 = 'http://iiif.io/api/presentation/3/context.json';

const v2Canvas = (resource: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  '@id': 'https://iiif.example/canvas/1', '@type': 'sc:Canvas', label: 'p. 1', width: 3000, height: 2000,
  images: [{ '@type': 'oa:Annotation', motivation: 'sc:painting', on: 'https://iiif.example/canvas/1', resource }],
  ...extra,
});
const v2 = (extra: Record<string, unknown>, canvas = v2Canvas({ '@id': 'https://img.example/iiif/a/full/full/0/default.jpg', width: 3000, height: 2000, service: { '@context': 'http://iiif.io/api/image/2/context.json', '@id': 'https://img.example/iiif/a', profile: 'http://iiif.io/api/image/2/level1.json' } })) => ({
  '@context': V2, '@id': 'https://iiif.example/manifest', '@type': 'sc:Manifest', label: 'A Wheatfield', sequences: [{ '@type': 'sc:Sequence', canvases: [canvas] }], ...extra,
});
const v3Body = (id: string, extra: Record<string, unknown> = {}) => ({
  id, type: 'Image', format: 'image/jpeg', service: [{ id: 'https://img.example/iiif/b', type: 'ImageService3', profile: 'level1' }], ...extra,
});
const v3 = (extra: Record<string, unknown>, body: Record<string, unknown> = v3Body('https://img.example/iiif/b/full/max/0/default.jpg', { width: 4000, height: 3000 }), canvas: Record<string, unknown> = {}) => ({
  '@context': V3, id: 'https://iiif.example/manifest3', type: 'Manifest', label: { en: ['The Milkmaid'] },
  items: [{ id: 'https://iiif.example/c3', type: 'Canvas', width: 4000, height: 3000, ...canvas, items: [{ id: 'https://iiif.example/p3', type: 'AnnotationPage', items: [{ id: 'https://iiif.example/a3', type: 'Annotation', motivation: 'painting', target: 'https://iiif.example/c3', body }] }] }],
  ...extra,
});

describe('IIIF metadata as publishers write it (defect 3)', () => {
  it('keeps a v2 attribution sentence as the required statement and takes the institution from a known label in it', () => {
    const [w] = canvasWorks(v2({ attribution: 'Provided by Rijksmuseum under the Public Domain Mark', license: 'http://creativecommons.org/publicdomain/mark/1.0/' }));
    expect(w).toMatchObject({
      attribution: 'Provided by Rijksmuseum under the Public Domain Mark', rightsStatement: 'Provided by Rijksmuseum under the Public Domain Mark', institution: 'Rijksmuseum',
    });
  });

  it.each([
    ['a v3 provider', { provider: [{ id: 'https://www.example.org/about', type: 'Agent', label: { en: ['Example Museum'] } }], requiredStatement: { label: { en: ['Attribution'] }, value: { en: ['Provided courtesy of Example Museum'] } } }, 'Example Museum'],
    ['a metadata pair labelled Repository', { attribution: 'Public domain', metadata: [{ label: 'Repository', value: '<a href="https://britishart.yale.edu">Yale Center for British Art</a>' }] }, 'Yale Center for British Art'],
    ['a v2 logo on a known host', { attribution: 'Rights reserved; see terms.', logo: 'https://www.nga.gov/content/dam/ngaweb/imgs/NGAEB.jpg' }, 'National Gallery of Art, Washington'],
    ['a known name in a "courtesy of" sentence', { attribution: 'Digital image courtesy of the Getty’s Open Content Program.' }, 'J. Paul Getty Museum'],
    ['a "courtesy of" sentence', { attribution: 'Digital image courtesy of the Frans Hals Museum, Haarlem.' }, 'Frans Hals Museum, Haarlem'],
    ['a "provided by" sentence naming an unknown institution', { attribution: 'Provided by Stedelijk Museum Schiedam under CC0 1.0' }, 'Stedelijk Museum Schiedam'],
    ['a bare name', { attribution: 'Harvard Art Museums' }, 'Harvard Art Museums'],
    ['a rights sentence and nothing else', { attribution: 'This image is licensed under CC BY 4.0. All other rights reserved.' }, null],
  ])('institution from %s', (_name, extra, institution) => {
    const doc = 'provider' in extra ? v3(extra) : v2(extra);
    expect(canvasWorks(doc)[0]?.institution).toBe(institution);
  });

  it.each([
    ['Artist: Vincent van Gogh, Dutch, 1853 - 1890', { creator: 'Vincent van Gogh', creatorRole: 'Artist', creatorLife: 'Dutch, 1853–1890' }],
    ['Vincent van Gogh (Dutch, 1853–1890)', { creator: 'Vincent van Gogh', creatorRole: null, creatorLife: 'Dutch, 1853–1890' }],
    ['Printmaker: Katsushika Hokusai, Japanese, 1760-1849', { creator: 'Katsushika Hokusai', creatorRole: 'Printmaker', creatorLife: 'Japanese, 1760–1849' }],
    ['Rembrandt van Rijn', { creator: 'Rembrandt van Rijn', creatorRole: null, creatorLife: null }],
    ['Gogh, Vincent van, 1853-1890', { creator: 'Gogh, Vincent van', creatorRole: null, creatorLife: '1853–1890' }],
    ['Bach, Johann Christian', { creator: 'Bach, Johann Christian', creatorRole: null, creatorLife: null }],
    ['Artist: Rachel Ruysch; Artist: Jan van Huysum', { creator: 'Rachel Ruysch; Jan van Huysum', creatorRole: 'Artist', creatorLife: null }],
  ])('creator %j', (value, parts) => {
    expect(parseCreator(value)).toEqual(parts);
  });

  it('reads the creator from a metadata pair in either version, HTML stripped', () => {
    const metadata = [{ label: 'Artist', value: '<span>Artist: Vincent van Gogh, Dutch, 1853 - 1890</span>' }, { label: 'Date', value: '1889' }];
    expect(canvasWorks(v2({ metadata }))[0]).toMatchObject({ creator: 'Vincent van Gogh', creatorRole: 'Artist', creatorLife: 'Dutch, 1853–1890', dateDisplay: '1889', dateStart: 1889, dateEnd: 1889 });
    const m3 = [{ label: { en: ['Creator'] }, value: { en: ['Johannes Vermeer (Dutch, 1632–1675)'] } }, { label: { nl: ['Datering'], en: ['Date'] }, value: { none: ['ca. 1660'] } }];
    expect(canvasWorks(v3({ metadata: m3 }))[0]).toMatchObject({ creator: 'Johannes Vermeer', creatorLife: 'Dutch, 1632–1675', dateDisplay: 'ca. 1660', dateStart: 1660 });
  });

  it('reads the other canvases of a manifest when one cannot be read', () => {
    const good = v2Canvas({ '@id': 'https://img.example/iiif/a/full/full/0/default.jpg', width: 30, height: 20 });
    const broken = { ...v2Canvas({ '@id': 'https://img.example/iiif/b/full/full/0/default.jpg' }), '@id': 'https://iiif.example/canvas/2', label: { get en() { throw new Error('a getter that throws'); } } };
    const doc = { ...v2({}), sequences: [{ canvases: [good, broken, { ...good, '@id': 'https://iiif.example/canvas/3' }] }] };
    const problems: string[] = [];
    const works = canvasWorks(doc, (canvas, reason) => problems.push(`${canvas}: ${reason}`));
    expect(works.map((w) => w.canvasId)).toEqual(['https://iiif.example/canvas/1', 'https://iiif.example/canvas/3']);
    expect(problems).toEqual(['https://iiif.example/canvas/2: unreadable canvas (a getter that throws)']);
  });

  it('gives a date from navDate when the metadata has none (the canvas first)', () => {
    expect(canvasWorks(v3({ navDate: '1856-01-01T00:00:00Z' }))[0]).toMatchObject({ dateDisplay: '1856', dateStart: 1856, dateEnd: 1856 });
    expect(canvasWorks(v3({ navDate: '1856-01-01T00:00:00Z' }, undefined, { navDate: '1857-06-01T00:00:00Z' }))[0]).toMatchObject({ dateStart: 1857 });
    expect(canvasWorks(v2({ navDate: '1642-01-01T00:00:00Z', metadata: [{ label: 'Date', value: '1640-1642' }] }))[0]).toMatchObject({ dateDisplay: '1640-1642', dateStart: 1640, dateEnd: 1642 });
  });

  it.each([
    ['v3 homepage', { homepage: [{ id: 'https://museum.example/object/1', type: 'Text', format: 'text/html', label: { en: ['Object page'] } }] }, 'https://museum.example/object/1'],
    ['v2 related (a string)', { related: 'https://museum.example/object/2' }, 'https://museum.example/object/2'],
    ['v2 related (HTML among others)', { related: [{ '@id': 'https://museum.example/2.json', format: 'application/json' }, { '@id': 'https://museum.example/object/2', format: 'text/html' }] }, 'https://museum.example/object/2'],
    ['v2 rendering text/html', { rendering: [{ '@id': 'https://museum.example/2.pdf', format: 'application/pdf' }, { '@id': 'https://museum.example/object/3', format: 'text/html', label: 'Web page' }] }, 'https://museum.example/object/3'],
    ['a javascript: related link', { related: 'javascript:alert(document.cookie)' }, null],
    ['a javascript: homepage, then a real one', { homepage: [{ id: 'javascript:alert(1)', type: 'Text', format: 'text/html' }, { id: 'https://museum.example/ok', type: 'Text', format: 'text/html' }] }, 'https://museum.example/ok'],
    ['a data: rendering', { rendering: { '@id': 'data:text/html,<script>alert(1)</script>', format: 'text/html' } }, null],
  ])('landing page from %s', (_name, extra, url) => {
    expect(landingOf(extra as Record<string, unknown>)).toBe(url);
  });

  it('keeps the titles and descriptions of every language', () => {
    const [w] = canvasWorks(v3({ label: { en: ['The Milkmaid'], nl: ['Het melkmeisje'], none: ['RK-SK-A-2344'] }, summary: { en: ['A maid pours milk.'], nl: ['Een meid schenkt melk.'] } }));
    expect(w).toMatchObject({ title: 'The Milkmaid', titles: { en: 'The Milkmaid', nl: 'Het melkmeisje' }, descriptions: { en: 'A maid pours milk.', nl: 'Een meid schenkt melk.' } });
    const [v2w] = canvasWorks(v2({ label: [{ '@value': 'Het melkmeisje', '@language': 'nl' }, { '@value': 'The Milkmaid', '@language': 'en' }] }));
    expect(v2w).toMatchObject({ title: 'The Milkmaid', titles: { en: 'The Milkmaid', nl: 'Het melkmeisje' } });
    // The V&A writes language names as keys.
    expect(canvasWorks(v3({ label: { English: ['Codex Forster I'] } }))[0]?.titles).toEqual({ en: 'Codex Forster I' });
  });

  it('names the institution of the real NGA and V&A manifests from their logo and statement', () => {
    const fixture = (p: string) => JSON.parse(readFileSync(resolve(REPO_ROOT, '../shared/collection-fixtures/iiif', p), 'utf8')) as Record<string, unknown>;
    expect(institutionOf(fixture('v2-national-gallery-of-art-highlights.json'), null)).toBe('National Gallery of Art, Washington');
    expect(institutionOf(fixture('v3-victoria-and-albert-museum-codex-forster-I.json'), '© Victoria and Albert Museum, London')).toBe('Victoria and Albert Museum');
  });
});

describe('painting bodies that are a region of their image service (defect 4)', () => {
  it('reads the region from an Image API URL on the service (the V&A shape) and sizes the work by it', () => {
    const body = v3Body('https://img.example/iiif/b/140,870,1800,1778/full/0/default.jpg', { width: 1800, height: 1778 });
    const [w] = canvasWorks(v3({}, body, { width: 1800, height: 1778 }));
    expect(w).toMatchObject({ iiifService: 'https://img.example/iiif/b', iiifRegion: { x: 140, y: 870, w: 1800, h: 1778 }, width: 1800, height: 1778 });
  });

  it('reads the region of a SpecificResource with an ImageApiSelector (v3 and v2)', () => {
    const specific = { type: 'SpecificResource', source: v3Body('https://img.example/iiif/b/full/max/0/default.jpg', { width: 9000, height: 6000 }), selector: { type: 'ImageApiSelector', region: '100,200,3000,2000' } };
    expect(canvasWorks(v3({}, specific))[0]).toMatchObject({ iiifRegion: { x: 100, y: 200, w: 3000, h: 2000 }, width: 3000, height: 2000 });
    const v2Specific = { '@type': 'oa:SpecificResource', full: { '@id': 'https://img.example/iiif/a/full/full/0/default.jpg', service: { '@id': 'https://img.example/iiif/a', profile: 'http://iiif.io/api/image/2/level2.json' } }, selector: { '@type': 'iiif:ImageApiSelector', region: '10,20,300,200' } };
    expect(canvasWorks(v2({}, v2Canvas(v2Specific)))[0]).toMatchObject({ iiifService: 'https://img.example/iiif/a', iiifRegion: { x: 10, y: 20, w: 300, h: 200 } });
  });

  it('a full image is no region; the real V&A codex is', () => {
    expect(canvasWorks(v3({}))[0]?.iiifRegion).toBeNull();
    const vam = JSON.parse(readFileSync(resolve(REPO_ROOT, '../shared/collection-fixtures/iiif/v3-victoria-and-albert-museum-codex-forster-I.json'), 'utf8')) as Record<string, unknown>;
    expect(canvasWorks(vam)[0]).toMatchObject({ iiifRegion: { x: 140, y: 870, w: 1800, h: 1778 }, width: 1800, height: 1778 });
  });

  it('downloads only the region, at the bounded size', async () => {
    const { http, asked } = memoryFetcher({ '/iiif/b/140,870,1800,1778/!1024,1024/0/default.jpg': 'jpeg bytes' });
    const body = v3Body('https://img.example/iiif/b/140,870,1800,1778/full/0/default.jpg', { width: 1800, height: 1778 });
    const candidate = iiifCandidate(canvasWorks(v3({ rights: 'http://creativecommons.org/publicdomain/zero/1.0/' }, body))[0]!, http);
    await candidate.image?.read();
    expect(asked).toEqual(['/iiif/b/140,870,1800,1778/!1024,1024/0/default.jpg']);
    expect(candidate).toMatchObject({ pixelWidth: 1800, pixelHeight: 1778, iiifRegion: { x: 140, y: 870, w: 1800, h: 1778 } });
  });

  it("asks the service's info.json for the size when the body states none, and falls back to the canvas", async () => {
    const body = v3Body('https://img.example/iiif/b/full/max/0/default.jpg');
    const work = canvasWorks(v3({}, body, { width: 400, height: 300 }))[0]!;
    const withInfo = memoryFetcher({ '/iiif/b/info.json': { width: 8000, height: 6000 } });
    expect(await iiifCandidate(work, withInfo.http).image?.fullSize?.()).toEqual({ width: 8000, height: 6000 });
    expect(await iiifCandidate(work, memoryFetcher({}).http).image?.fullSize?.()).toEqual({ width: 400, height: 300 });
  });
});
