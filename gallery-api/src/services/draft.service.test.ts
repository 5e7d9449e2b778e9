import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpError } from '@atelier/common/errors';
import { MemoryStorage } from '@atelier/common/storage.fake';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { DRAFT_CODE_ALPHABET, DRAFT_MAX_REMIXES } from '@atelier/contracts/draft';
import { FAKE_VISITOR, FakeRemixSource, remixOf } from './creation.fakes';
import { FakeDrafts } from './draft.fakes';
import { DraftService, draftRemixPath } from './draft.service';

const DAY = 86_400_000;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const MINE = uuid(901);
const MINE_TOO = uuid(902);
const THEIRS = uuid(903);
const png = (n: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, n]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const doc = (...remixIds: string[]): CanvasDocument => ({
  schemaVersion: 2,
  width: 64,
  height: 48,
  layers: [
    { id: 's', kind: 'strokes', strokes: [{ points: [0, 0, 5, 5], color: '#000', size: 3 }] },
    ...remixIds.map((remixId, i) => ({ id: `r${i}`, kind: 'remix' as const, remixId, x: 0, y: 0, width: 64, height: 48 })),
  ],
});

let now: Date;
let drafts: FakeDrafts;
let remixes: FakeRemixSource;
let storage: MemoryStorage;
let codes: string[];
let service: DraftService;

const serve = (id: string, n: number, owner = FAKE_VISITOR) => {
  remixes.serve(remixOf(id, { output: { url: `/x/${id}.png`, sha256: sha(png(n)), width: 64, height: 48 } }), owner);
  remixes.serveOutput(id, png(n));
};
const failure = (p: Promise<unknown>) => p.then(() => null, (e: HttpError) => `${e.statusCode} ${e.code}`);

beforeEach(() => {
  now = new Date('2026-06-01T12:00:00Z');
  drafts = new FakeDrafts();
  remixes = new FakeRemixSource();
  storage = new MemoryStorage();
  codes = [];
  let ids = 0;
  service = new DraftService({
    drafts,
    remixes,
    storage,
    codeHash: (code) => `hash(${code})`,
    ttlMs: 14 * DAY,
    now: () => now,
    newId: () => uuid(++ids),
    newCode: () => codes.shift() ?? 'ABCDEFGH',
  });
  serve(MINE, 1);
  serve(MINE_TOO, 2);
  serve(THEIRS, 3, 'credential-of-another-visitor');
});

describe('DraftService.save', () => {
  it('keeps the canvas, its history and a checked copy of each remix, under a keyed hash of a fresh code', async () => {
    codes = ['K7M2Q9XP'];
    const saved = await service.save({ document: doc(MINE), history: { past: [doc()], future: [doc(MINE, MINE_TOO)] } }, FAKE_VISITOR);
    expect(saved).toEqual({ code: 'K7M2Q9XP', resumePath: '/resume#K7M2-Q9XP', expiresAt: '2026-06-15T12:00:00.000Z' });
    const [row] = [...drafts.rows.values()];
    expect(row!.codeHash).toBe('hash(K7M2Q9XP)');
    expect(JSON.stringify({ ...row, codeHash: null })).not.toContain('K7M2Q9XP');
    expect(row!.remixes.map((c) => c.remix.id)).toEqual([MINE, MINE_TOO]);
    expect(storage.objects.get(`drafts/${uuid(1)}.${MINE}.png`)).toEqual(png(1));
    expect(storage.objects.size).toBe(2);
  });

  it('draws codes from the unambiguous alphabet, and draws again when one is taken', async () => {
    const real = new DraftService({ drafts, remixes, storage, codeHash: (c) => c, ttlMs: DAY });
    const { code } = await real.save({ document: doc() }, null);
    expect(code).toMatch(new RegExp(`^[${DRAFT_CODE_ALPHABET}]{8}$`));
    codes = ['TAKENXYZ', 'TAKENXYZ', 'FRESH234'];
    await service.save({ document: doc() }, null);
    expect((await service.save({ document: doc() }, null)).code).toBe('FRESH234');
  });

  it("refuses a canvas showing another visitor's remix, or one not finished, and keeps nothing", async () => {
    remixes.serve(remixOf(uuid(904), { status: 'running', output: undefined }));
    expect(await failure(service.save({ document: doc(MINE, THEIRS) }, FAKE_VISITOR))).toBe('400 unknown_remix');
    expect(await failure(service.save({ document: doc(uuid(904)) }, FAKE_VISITOR))).toBe('409 remix_not_completed');
    // Without a session there is no remix to read.
    expect(await failure(service.save({ document: doc(MINE) }, null))).toBe('400 unknown_remix');
    expect(drafts.rows.size).toBe(0);
    expect(storage.objects.size).toBe(0);
  });

  it('leaves out history steps showing a remix it cannot copy, and keeps the rest', async () => {
    const history = { past: [doc(), doc(THEIRS), doc(MINE)], future: [doc(THEIRS)] };
    await service.save({ document: doc(MINE), history }, FAKE_VISITOR);
    expect([...drafts.rows.values()][0]!.history).toEqual({ past: [doc(), doc(MINE)], future: [] });
  });

  it('502 when an output does not match the sha256 inference-service stated, 503 when it cannot be reached', async () => {
    remixes.serveOutput(MINE, png(9));
    expect(await failure(service.save({ document: doc(MINE_TOO, MINE) }, FAKE_VISITOR))).toBe('502 inference_bad_answer');
    expect(storage.objects.size).toBe(0);
    remixes.reachable = false;
    expect(await failure(service.save({ document: doc(MINE_TOO) }, FAKE_VISITOR))).toBe('503 inference_unavailable');
    expect(drafts.rows.size).toBe(0);
  });

  it(`refuses more than ${DRAFT_MAX_REMIXES} remixes`, async () => {
    const many = Array.from({ length: DRAFT_MAX_REMIXES + 1 }, (_, i) => uuid(2000 + i));
    expect(await failure(service.save({ document: doc(...many) }, FAKE_VISITOR))).toBe('400 too_many_remixes');
  });
});

describe('DraftService.open and remixOutput', () => {
  beforeEach(async () => {
    codes = ['K7M2Q9XP'];
    await service.save({ document: doc(MINE), history: { past: [doc()], future: [] } }, FAKE_VISITOR);
  });

  it('opens by the code as typed, each remix pointing at the draft’s own copy', async () => {
    const draft = await service.open(' k7m2-q9xp ');
    expect(draft.document).toEqual(doc(MINE));
    expect(draft.history).toEqual({ past: [doc()], future: [] });
    expect(draft.remixes).toEqual([{ ...remixOf(MINE), output: { url: draftRemixPath(uuid(1), MINE), sha256: sha(png(1)), width: 64, height: 48 } }]);
    expect(draft.expiresAt).toBe('2026-06-15T12:00:00.000Z');
    expect(await service.remixOutput(uuid(1), MINE)).toMatchObject({ bytes: png(1) });
  });

  it('answers the remix records it copied to whoever holds the code (for publishing), and none for another code', async () => {
    expect((await service.remixesOf('k7m2-q9xp')).map((r) => r.id)).toEqual([MINE]);
    expect(await service.remixesOf('K7M2Q9XQ')).toEqual([]);
    expect(await service.remixesOf('nonsense')).toEqual([]);
  });

  it('answers the output it copied of one of its remixes by the code (publishing draws the canvas with it)', async () => {
    expect(await service.remixOutputOf('k7m2-q9xp', MINE)).toEqual(png(1));
    expect(await service.remixOutputOf('k7m2-q9xp', THEIRS)).toBeNull();
    expect(await service.remixOutputOf('K7M2Q9XQ', MINE)).toBeNull();
  });

  it('404 for any other code, for a remix the draft does not show, and for everything once it expired', async () => {
    for (const code of ['K7M2Q9XQ', 'K7M2Q9X', 'K7M2Q9X0', '']) expect(await failure(service.open(code))).toBe('404 draft_not_found');
    // MINE_TOO is the same visitor's remix, but not in this draft: the draft makes nothing else readable.
    expect(await failure(service.remixOutput(uuid(1), MINE_TOO))).toBe('404 draft_remix_not_found');
    expect(await failure(service.remixOutput(uuid(2), MINE))).toBe('404 draft_remix_not_found');
    expect(await failure(service.remixOutput('not-a-uuid', MINE))).toBe('404 draft_remix_not_found');
    now = new Date(now.getTime() + 14 * DAY);
    expect(await failure(service.open('K7M2Q9XP'))).toBe('404 draft_not_found');
    expect(await failure(service.remixOutput(uuid(1), MINE))).toBe('404 draft_remix_not_found');
  });
});

describe('DraftService.sweep', () => {
  it('deletes expired drafts with their files and leaves the others', async () => {
    codes = ['OLDOLD22', 'NEWNEW33'];
    await service.save({ document: doc(MINE) }, FAKE_VISITOR);
    now = new Date(now.getTime() + 7 * DAY);
    await service.save({ document: doc(MINE_TOO) }, FAKE_VISITOR);
    expect(await service.sweep()).toEqual({ drafts: 0, files: 0 });
    now = new Date(now.getTime() + 7 * DAY);
    expect(await service.sweep()).toEqual({ drafts: 1, files: 1 });
    expect([...storage.objects.keys()]).toEqual([`drafts/${uuid(2)}.${MINE_TOO}.png`]);
    expect((await service.open('NEWNEW33')).document).toEqual(doc(MINE_TOO));
  });
});
