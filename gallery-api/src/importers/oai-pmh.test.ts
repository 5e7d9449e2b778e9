import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { decodeEntities, element, elements, OaiError, parseOaiPage, textOf, without } from './oai-pmh';

const fixture = (name: string) => readFileSync(resolve(REPO_ROOT, 'tests/integration/fixtures/rijksmuseum', name), 'utf8');

describe('XML element reading', () => {
  it('finds elements by exact qualified name, with attributes, nesting and empty tags', () => {
    const xml = '<a><dc:title xml:lang="nl">Een</dc:title><dc:titles>no</dc:titles><dc:title xml:lang=\'en\'>One</dc:title><x:b/><x:b k="v"><x:b>in</x:b></x:b></a>';
    expect(elements(xml, 'dc:title').map((e) => [e.attrs['xml:lang'], e.inner])).toEqual([['nl', 'Een'], ['en', 'One']]);
    const bs = elements(xml, 'x:b');
    expect(bs.map((b) => b.inner)).toEqual(['', '<x:b>in</x:b>']);
    expect(bs[1]?.attrs).toEqual({ k: 'v' });
  });

  it('ignores markup in comments and processing instructions, and reads CDATA and entities', () => {
    const xml = '<?xml version="1.0"?><!-- <t>not me</t> --><t>Fish &amp; chips &#233;&#x20AC; <![CDATA[<b>&amp;</b>]]></t>';
    expect(elements(xml, 't')).toHaveLength(1);
    expect(textOf(element(xml, 't')!.inner)).toBe('Fish & chips é€ <b>&amp;</b>');
    expect(decodeEntities('&lt;&gt;&quot;&apos;&unknown;')).toBe('<>"\'&unknown;');
  });

  it('cuts nested elements out so a parent reads only its own children', () => {
    const agg = '<edm:rights r="agg"/><edm:WebResource><edm:rights r="web"/></edm:WebResource>';
    expect(elements(without(agg, 'edm:WebResource'), 'edm:rights').map((e) => e.attrs.r)).toEqual(['agg']);
  });

  it('refuses an unclosed element instead of reading past the end', () => {
    expect(() => elements('<a><b>open</a>', 'b')).toThrow(/unclosed <b>/);
  });
});

describe('OAI-PMH envelopes', () => {
  it('reads records, datestamps and the resumption token of a ListRecords page', () => {
    const page = parseOaiPage(fixture('oai-list-records-page-1.xml'));
    expect(page.records.map((r) => r.identifier)).toEqual([
      'https://id.rijksmuseum.nl/200117708', 'https://id.rijksmuseum.nl/200100002', 'https://id.rijksmuseum.nl/200100003',
    ]);
    expect(page.records[0]).toMatchObject({ datestamp: '2026-04-12T08:00:00Z', deleted: false });
    expect(page.records[0]?.metadata).toContain('<rdf:RDF');
    expect(page).toMatchObject({ resumptionToken: 'synthetic~token~page2', completeListSize: 6 });
  });

  it('ends on an empty resumption token and marks deleted records', () => {
    const page = parseOaiPage(fixture('oai-list-records-page-2.xml'));
    expect(page.resumptionToken).toBeNull();
    expect(page.records.map((r) => [r.identifier.split('/').pop(), r.deleted])).toEqual([['200100004', false], ['200100001', false], ['200100005', true]]);
    expect(page.records[2]?.metadata).toBe('');
  });

  it('reads noRecordsMatch as an empty page and throws on other errors', () => {
    const envelope = (body: string) => `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">${body}</OAI-PMH>`;
    expect(parseOaiPage(envelope('<error code="noRecordsMatch">nothing changed</error>'))).toEqual({ records: [], resumptionToken: null, completeListSize: 0 });
    expect(() => parseOaiPage(envelope('<error code="badResumptionToken">expired</error>'))).toThrow(OaiError);
    expect(() => parseOaiPage(envelope('<error code="badResumptionToken">expired</error>'))).toThrow('OAI-PMH badResumptionToken: expired');
    expect(() => parseOaiPage('<html>maintenance</html>')).toThrow(/not an OAI-PMH document/);
  });

  it('accepts a prefixed envelope (oai:record) as well as the default namespace', () => {
    const xml = '<oai:OAI-PMH xmlns:oai="http://www.openarchives.org/OAI/2.0/"><oai:GetRecord><oai:record><oai:header><oai:identifier>x:1</oai:identifier></oai:header><oai:metadata><m/></oai:metadata></oai:record></oai:GetRecord></oai:OAI-PMH>';
    expect(parseOaiPage(xml).records).toEqual([{ identifier: 'x:1', datestamp: null, deleted: false, metadata: '<m/>' }]);
  });
});
