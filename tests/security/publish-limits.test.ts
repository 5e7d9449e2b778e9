/**
 * Issue #10 item 4 (publishing half), anonymous POST /creations: limits per visitor session and per client
 * address, and a cap on the creations one session may have waiting for moderation, each answered 429 with
 * Retry-After in the one error shape, before the upload is read or anything stored. (The probe that found it:
 * 8 uploads added 100 MB in 9 s and filled the moderation queue.) gallery-api in process on the real Postgres.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type GalleryLimits } from '@atelier/gallery-api/config';
import { countFiles, countRows, pngOf, publishForm, publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

const open: TestGallery[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

async function gallery(limits: Partial<GalleryLimits>) {
  const g = await startTestGallery({ limits });
  open.push(g);
  await g.addWork('open-1', 'cc0');
  return g;
}

const meta = () => publishMeta({ licence: 'cc0' }, ['open-1']);

function expect429(res: Awaited<ReturnType<TestGallery['publish']>>, code: string) {
  expect(res.statusCode).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.json()).toMatchObject({ error: { code, message: expect.any(String), details: { retryAfterSeconds: Number(res.headers['retry-after']) } } });
}

describe('POST /creations is limited', () => {
  it('per visitor session: past its budget a session waits, and nothing of the refused upload is kept', async () => {
    const g = await gallery({ publishPerSession: 3 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await g.publish(meta())).statusCode);
    expect(codes).toEqual([201, 201, 201]);
    const files = await countFiles(g.storageDir);
    const refused = await g.publish(meta());
    expect429(refused, 'rate_limited');
    expect(refused.json().error.details.per).toBe('session');
    expect(await countFiles(g.storageDir)).toBe(files);
    expect((await countRows(g.pool)).creations).toBe(3);
    expect((await g.publish(meta(), undefined, '', g.newVisitor())).statusCode).toBe(201);
  });

  it('per client address: a client that throws its cookie away each time is still counted', async () => {
    const g = await gallery({ publishPerAddress: 4 });
    const image = await pngOf();
    const fromNat = async (remoteAddress: string) => {
      const form = await publishForm(meta(), image);
      // No cookie: a fresh session each time.
      return g.app.inject({ method: 'POST', url: '/api/gallery/creations', payload: form.payload, headers: form.headers, remoteAddress });
    };
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await fromNat('203.0.113.40')).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 429]);
    const refused = await fromNat('203.0.113.40');
    expect429(refused, 'rate_limited');
    expect(refused.json().error.details.per).toBe('address');
    expect((await fromNat('203.0.113.41')).statusCode).toBe(201);
  });

  it('at most N pending per session, even for simultaneous uploads; a decision frees a place', async () => {
    const g = await gallery({ pendingPerSession: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => g.publish(meta())));
    const codes = results.map((r) => r.statusCode).sort();
    console.log(`6 simultaneous publishes of one session, pending cap 2: ${codes.join(' ')}`);
    expect(codes).toEqual([201, 201, 429, 429, 429, 429]);
    for (const r of results.filter((r) => r.statusCode === 429)) expect429(r, 'too_many_pending');
    expect((await countRows(g.pool)).creations).toBe(2);
    expect(await countFiles(g.storageDir)).toBe(2 * 3);

    await g.addStaff('mod.ida', 'correct horse battery');
    const cookie = await g.login('mod.ida', 'correct horse battery');
    const first = results.find((r) => r.statusCode === 201)!.json().id as string;
    expect((await g.decide(first, cookie, { decision: 'approve' })).statusCode).toBe(200);
    expect((await g.publish(meta())).statusCode).toBe(201);
    expect429(await g.publish(meta()), 'too_many_pending');
    // Another visitor is not held up by this one's queue.
    expect((await g.publish(meta(), undefined, '', g.newVisitor())).statusCode).toBe(201);
  });

  it("the probe's flood (8 uploads at once from one visitor) stores at most the defaults allow", async () => {
    const limits = loadConfig({}).limits;
    const g = await gallery(limits);
    const big = await pngOf(1600, 1200);
    const results = await Promise.all(Array.from({ length: 8 }, () => g.publish(meta(), big)));
    const accepted = results.filter((r) => r.statusCode === 201).length;
    console.log(
      `8 simultaneous uploads of ${(big.length / 1024).toFixed(0)} KB from one visitor, defaults (${limits.publishPerSession} per session and ` +
        `${limits.publishPerAddress} per address in 10 min, ${limits.pendingPerSession} pending): ${accepted} stored, ` +
        `${results.length - accepted} refused with ${[...new Set(results.filter((r) => r.statusCode === 429).map((r) => r.json().error.code))].join(', ')}`,
    );
    expect(accepted).toBe(Math.min(limits.publishPerSession, limits.pendingPerSession));
    expect((await countRows(g.pool)).creations).toBe(accepted);
  });
});
