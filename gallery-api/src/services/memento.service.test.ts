import { describe, expect, it } from 'vitest';
import type { CreationRecord } from './creation';
import { createCreationView } from './creation.view';
import { FakeMementoStore } from './exhibition.fakes';
import { MementoService, mementoUrl, newMementoToken, tokenHash } from './memento.service';
import { creation as fixture } from '../testing/creation-fixture';

const id = '22222222-2222-4222-8222-222222222222';

function setup(status: CreationRecord['status'] = 'pending') {
  const store = new FakeMementoStore();
  const record = { ...fixture, status, visitorKey: 'key:session-a', width: 640, height: 480, licenceId: 'by', createdAt: new Date(), imageKeys: { full: 'full-key' } } as CreationRecord;
  const service = new MementoService({
    store,
    creations: { findById: async (x) => (x === id ? record : null) },
    images: { read: async (key) => Buffer.from(`bytes of ${key}`) },
    view: createCreationView('Studio X'),
    visitorKey: (s) => `key:${s}`,
    publicUrl: 'https://a.example',
  });
  return { store, service, record };
}

describe('memento tokens', () => {
  it('are 256-bit base64url, different each time; the link carries it in the fragment', () => {
    const a = newMementoToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newMementoToken()).not.toBe(a);
    expect(tokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(mementoUrl('https://a.example/', a)).toBe(`https://a.example/memento#${a}`);
  });
});

describe('MementoService with fakes', () => {
  it('gives a link only to the publishing session, and stores only the hash', async () => {
    const { service, store } = setup();
    await expect(service.create(id, 'session-b')).rejects.toMatchObject({ statusCode: 404 });
    await expect(service.create(id, null)).rejects.toMatchObject({ statusCode: 404 });
    const { token } = await service.create(id, 'session-a');
    expect([...store.rows.keys()]).toEqual([tokenHash(token)]);
    expect([...store.rows.keys()]).not.toContain(token);
  });

  it('opens in every status; the reason only when rejected; no image once withdrawn', async () => {
    const { service, store, record } = setup('rejected');
    store.reasons.set(id, 'Not suitable.');
    const { token } = await service.create(id, 'session-a');
    expect(await service.open(token, 'en')).toMatchObject({ status: 'rejected', rejectionReason: 'Not suitable.', pageUrl: null });
    expect((await service.image(token)).bytes.toString()).toBe('bytes of full-key');
    record.status = 'withdrawn';
    await expect(service.image(token)).rejects.toMatchObject({ statusCode: 410 });
    await expect(service.open(newMementoToken(), 'en')).rejects.toMatchObject({ statusCode: 404 });
  });
});
