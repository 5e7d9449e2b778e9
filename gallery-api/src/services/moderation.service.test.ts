import { describe, expect, it } from 'vitest';
import { HttpError } from '@atelier/common/errors';
import type { CreationStatus } from '@atelier/contracts/creation.schema';
import { newCreation } from './creation.contract';
import { FakeCreations, FakeModerationStore } from './creation.fakes';
import { createCreationView } from './creation.view';
import { ModerationService, normaliseDecision, statusAfter } from './moderation.service';

const ID = '00000000-0000-4000-8000-000000000001';

async function setup(status: CreationStatus = 'pending') {
  const creations = new FakeCreations();
  await creations.insert(newCreation(1));
  creations.rows.set(ID, { ...creations.rows.get(ID)!, status });
  const store = new FakeModerationStore(creations, { 'staff-1': 'mod.ann' });
  return { creations, store, service: new ModerationService(store, creations, createCreationView('Test Studio')) };
}

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return `${(err as HttpError).statusCode} ${(err as HttpError).code}`;
  }
  return 'ok';
};

describe('decision rules', () => {
  it('a reject needs a non-blank reason; an approve may have one', () => {
    expect(() => normaliseDecision({ decision: 'reject' })).toThrow(/reason/);
    expect(() => normaliseDecision({ decision: 'reject', reason: '  ' })).toThrow(/reason/);
    expect(normaliseDecision({ decision: 'reject', reason: ' Blurry. ' })).toEqual({ decision: 'reject', reason: 'Blurry.' });
    expect(normaliseDecision({ decision: 'approve' })).toEqual({ decision: 'approve', reason: null });
    expect(() => normaliseDecision({ decision: 'approve', reason: 'x'.repeat(501) })).toThrow(/500/);
  });

  it('only a pending creation can be decided', () => {
    expect(statusAfter('pending', 'approve')).toBe('approved');
    expect(statusAfter('pending', 'reject')).toBe('rejected');
    expect(() => statusAfter('approved', 'reject')).toThrow(HttpError);
    expect(() => statusAfter('rejected', 'approve')).toThrow(/already rejected/);
  });
});

describe('ModerationService.decide', () => {
  it('appends one event and updates the status together', async () => {
    const { service, store, creations } = await setup();
    const event = await service.decide(ID, 'staff-1', { decision: 'reject', reason: 'Off topic.' });
    expect(event).toMatchObject({ creationId: ID, staffUsername: 'mod.ann', decision: 'reject', reason: 'Off topic.' });
    expect(event.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(store.events).toHaveLength(1);
    expect(creations.rows.get(ID)!.status).toBe('rejected');
  });

  it('400 before touching the store, 404 for unknown, 409 for decided, and no event on any of them', async () => {
    const { service, store } = await setup('approved');
    expect(await codeOf(service.decide(ID, 's', { decision: 'reject' }))).toBe('400 reason_required');
    expect(await codeOf(service.decide('44444444-4444-4444-8444-444444444444', 's', { decision: 'approve' }))).toBe('404 creation_not_found');
    expect(await codeOf(service.decide('nope', 's', { decision: 'approve' }))).toBe('404 creation_not_found');
    expect(await codeOf(service.decide(ID, 's', { decision: 'approve' }))).toBe('409 already_decided');
    expect(store.events).toHaveLength(0);
  });

  it('lists the queue with each creation as staff see it, credits in the language asked for', async () => {
    const { service } = await setup();
    const queue = await service.queue(1, 'nl');
    expect(queue).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(queue.items[0]).toMatchObject({ id: ID, safety: null, creditLine: expect.stringMatching(/^“Creation 1” door een bezoeker van Test Studio/) });
  });

  it('lists events for a known creation and 404s an unknown one', async () => {
    const { service } = await setup();
    await service.decide(ID, 's', { decision: 'approve' });
    expect((await service.events(ID)).events).toHaveLength(1);
    expect(await codeOf(service.events('55555555-5555-4555-8555-555555555555'))).toBe('404 creation_not_found');
  });
});
