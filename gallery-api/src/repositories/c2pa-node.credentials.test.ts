import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '@atelier/common/hash';
import { loadConfig } from '../config';
import { buildC2paManifest } from '../services/c2pa-manifest';
import { UnsignedCredentials, type ContentCredentials } from '../services/content-credentials';
import { buildProvenance } from '../services/provenance';
import { hasManifestChunk, readWithC2paTs, reencoded, withOnePixelChanged } from '../testing/c2pa-copies';
import { DEV_FILES, DEV_ORGANIZATION, developmentSigningMaterial, makeDevelopmentChain } from './c2pa-dev-certificate';
import { openContentCredentials } from './c2pa-node.credentials';

const provenance = buildProvenance({
  creationId: '22222222-2222-4222-8222-222222222222',
  createdAt: new Date('2026-03-01T12:00:00Z'),
  output: { sha256: 'e'.repeat(64), width: 32, height: 24, bytes: 100 },
  ingredients: [
    {
      workId: 'h',
      role: 'composed',
      title: 'The Harvesters',
      creator: 'Pieter Bruegel the Elder',
      institution: 'The Metropolitan Museum of Art',
      landingUrl: 'https://www.metmuseum.org/art/collection/search/435809',
      licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/',
      credit: 'The Harvesters, Pieter Bruegel the Elder, The Metropolitan Museum of Art, CC0.',
      placedImages: [{ sha256: '5'.repeat(64), mediaType: 'image/webp', width: 1024, height: 768 }],
    },
  ],
  composedWorkIds: ['h'],
  strokes: 2,
  remixes: [{ remixId: 'r1', model: { id: 'style-magenta', version: '2', files: [{ name: 'a.onnx', sha256: 'a'.repeat(64) }] }, params: {}, inputSha256: 'b'.repeat(64), outputSha256: 'c'.repeat(64) }],
  licence: { id: 'by', uri: 'https://creativecommons.org/licenses/by/4.0/' },
  credit: { title: 'Harvest remix', studioName: 'Test Studio' },
});
const manifest = buildC2paManifest(provenance, { title: 'Harvest remix', studioName: 'Test Studio', creationUrl: 'https://atelier.example/c/2222' });

let dir: string;
let png: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c2pa-'));
  png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#c83' } }).png().toBuffer();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const settings = (env: NodeJS.ProcessEnv) => loadConfig({ C2PA_DEV_DIR: join(dir, 'dev'), ...env }).c2pa;

describe('the development certificate', () => {
  it('is made once at first use, its key readable by the owner only, and reused after', async () => {
    const first = await developmentSigningMaterial(join(dir, 'made'));
    expect(first.created).toBe(true);
    expect((await stat(join(dir, 'made', DEV_FILES.key))).mode & 0o777).toBe(0o600);
    const again = await developmentSigningMaterial(join(dir, 'made'));
    expect(again).toEqual({ chainPem: first.chainPem, keyPem: first.keyPem, created: false });
  });
});

describe('C2paNodeCredentials (the signer port on c2pa-node)', () => {
  let c2pa: ContentCredentials;
  beforeAll(async () => {
    c2pa = (await openContentCredentials(settings({}))).credentials;
  });

  it('signs the PNG: same pixels, a manifest inside, a development signer, the sha256 of the file as signed', async () => {
    const t = performance.now();
    const signed = await c2pa.sign(png, manifest);
    console.log(`c2pa sign (32×24, with read-back): ${(performance.now() - t).toFixed(0)} ms`);
    expect(c2pa.kind).toBe('c2pa');
    expect(hasManifestChunk(signed.png)).toBe(true);
    expect(await sharp(signed.png).raw().toBuffer()).toEqual(await sharp(png).raw().toBuffer());
    expect(signed.credentials).toEqual({
      state: 'signed',
      signer: { commonName: 'Open Atelier development signer', organization: DEV_ORGANIZATION, trust: 'development' },
      fileSha256: sha256Hex(signed.png),
    });
  });

  it('reads its own file back valid, with the actions, ingredients, licence and credit line, and the independent reader agrees', async () => {
    const { png: signed } = await c2pa.sign(png, manifest);
    const reading = await c2pa.read(signed, 'image/png');
    expect(reading).toMatchObject({
      state: 'valid',
      reasons: [],
      openAtelier: true,
      creationId: provenance.creationId,
      title: 'Harvest remix',
      licence: 'https://creativecommons.org/licenses/by/4.0/',
      creditLine: provenance.creditLine,
      ingredients: [{ title: 'The Harvesters', relationship: 'componentOf', url: 'https://www.metmuseum.org/art/collection/search/435809', placedSha256: ['5'.repeat(64)] }],
    });
    expect(reading.actions.map((a) => a.action)).toEqual(['c2pa.created', 'c2pa.placed', 'c2pa.drawing', 'c2pa.edited']);
    expect(reading.actions[3]).toMatchObject({ softwareAgent: 'style-magenta 2' });
    expect(await readWithC2paTs(signed)).toEqual({ found: true, valid: true, errors: [] });
  });

  it('says a copy with one pixel changed is invalid, and a re-encoded copy has no credentials', async () => {
    const { png: signed } = await c2pa.sign(png, manifest);
    const edited = await withOnePixelChanged(signed);
    const reading = await c2pa.read(edited, 'image/png');
    expect(reading.state).toBe('invalid');
    expect(reading.reasons.map((r) => r.code)).toContain('assertion.dataHash.mismatch');
    expect((await readWithC2paTs(edited)).valid).toBe(false);
    expect((await c2pa.read(await reencoded(signed), 'image/png')).state).toBe('none');
    expect((await c2pa.read(png, 'image/png')).state).toBe('none');
  });

  it('signs and reads a 2048×1536 PNG (timings printed, not asserted)', async () => {
    const big = await sharp({ create: { width: 2048, height: 1536, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();
    let t = performance.now();
    const { png: signed } = await c2pa.sign(big, manifest);
    const signMs = performance.now() - t;
    t = performance.now();
    const reading = await c2pa.read(signed, 'image/png');
    console.log(`c2pa 2048×1536 (${big.length} bytes): sign with read-back ${signMs.toFixed(0)} ms, read ${(performance.now() - t).toFixed(0)} ms`);
    expect(reading.state).toBe('valid');
  });

  it("calls a signer trusted when its chain ends in a configured trust anchor (here the museum's own CA)", async () => {
    const museum = await makeDevelopmentChain();
    await writeFile(join(dir, 'chain.pem'), museum.chainPem);
    await writeFile(join(dir, 'key.pem'), museum.keyPem, { mode: 0o600 });
    await writeFile(join(dir, 'anchors.pem'), museum.caPem);
    const own = await openContentCredentials(
      settings({ C2PA_CERT_CHAIN: join(dir, 'chain.pem'), C2PA_PRIVATE_KEY: join(dir, 'key.pem'), C2PA_TRUST_ANCHORS: join(dir, 'anchors.pem') }),
    );
    expect(own.note).toContain(join(dir, 'chain.pem'));
    const signed = await own.credentials.sign(png, manifest);
    expect(signed.credentials.signer?.trust).toBe('trusted');
    expect((await own.credentials.read(signed.png, 'image/png')).signer?.trust).toBe('trusted');
    // Read by a studio that does not trust that CA: valid, but another signer's, so not called Open Atelier's.
    expect(await c2pa.read(signed.png, 'image/png')).toMatchObject({ state: 'valid', openAtelier: false, signer: { trust: 'development' } });
  });
});

describe('UnsignedCredentials (a platform without the native library)', () => {
  it('publishes the PNG as it came, saying why, and reads nothing', async () => {
    const opened = await openContentCredentials(settings({ C2PA_SIGNING: 'off' }));
    expect(opened.credentials).toBeInstanceOf(UnsignedCredentials);
    const { png: out, credentials } = await opened.credentials.sign(png, manifest);
    expect(out).toBe(png);
    expect(credentials).toEqual({ state: 'unsigned', signer: null, reason: expect.stringContaining('C2PA_SIGNING=off'), fileSha256: sha256Hex(png) });
    expect((await opened.credentials.read(png, 'image/png')).state).toBe('unchecked');
  });

  it('refuses a chain without its key, and an unknown mode', () => {
    expect(() => settings({ C2PA_CERT_CHAIN: '/x.pem' })).toThrow(/set together/);
    expect(() => settings({ C2PA_SIGNING: 'maybe' })).toThrow(/C2PA_SIGNING/);
  });
});

