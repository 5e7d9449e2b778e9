import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { installServiceContract } from '@atelier/common';
import { describe, expect, it } from 'vitest';
import { PrintTokens } from '@atelier/common/print-tokens';
import { printRoutes, type PrintQueue, type PrintState } from '.';

async function app() {
  const submitted: string[] = [];
  const states = new Map<string, PrintState>();
  const queue: PrintQueue = {
    async submit(printId) {
      submitted.push(printId);
      states.set(printId, { state: 'done', key: `prints/${printId}.png`, width: 2480, height: 1860 });
    },
    async finished(printId) {
      return states.get(printId) ?? { state: 'missing' };
    },
  };
  const tokens = new PrintTokens('test secret');
  const a = Fastify();
  await installServiceContract(a, { title: 'test', description: 'test', version: '0', prefix: '' });
  await a.register(printRoutes, { tokens, queue, storage: { get: async () => Buffer.from('png') }, upscalers: ['up'], waitMs: 1000 });
  return { a, tokens, submitted, states };
}

describe('print routes', () => {
  it('answer 401 without gallery-api’s token for that very print, and start nothing', async () => {
    const { a, tokens, submitted } = await app();
    const printId = randomUUID();
    const body = { printId, creationId: randomUUID(), longSide: 2480, model: 'up' };
    expect((await a.inject({ method: 'POST', url: '/prints', payload: body })).statusCode).toBe(401);
    const other = tokens.header(randomUUID());
    expect((await a.inject({ method: 'POST', url: '/prints', payload: body, headers: other })).statusCode).toBe(401);
    expect((await a.inject({ method: 'GET', url: `/prints/${printId}/output.png` })).statusCode).toBe(401);
    expect(submitted).toEqual([]);
  });

  it('refuse a model that is no enabled upscaler and a size past A3 at 300 dpi', async () => {
    const { a, tokens } = await app();
    const printId = randomUUID();
    const headers = tokens.header(printId);
    expect((await a.inject({ method: 'POST', url: '/prints', headers, payload: { printId, creationId: randomUUID(), longSide: 2480, model: 'style' } })).statusCode).toBe(400);
    expect((await a.inject({ method: 'POST', url: '/prints', headers, payload: { printId, creationId: randomUUID(), longSide: 9000, model: 'up' } })).statusCode).toBe(400);
  });

  it('queue a print and serve its PNG; a failed one is 422, an unknown one 404', async () => {
    const { a, tokens, submitted, states } = await app();
    const printId = randomUUID();
    const headers = tokens.header(printId);
    const post = await a.inject({ method: 'POST', url: '/prints', headers, payload: { printId, creationId: randomUUID(), longSide: 2480, model: 'up' } });
    expect(post.statusCode).toBe(202);
    expect(submitted).toEqual([printId]);
    const png = await a.inject({ method: 'GET', url: `/prints/${printId}/output.png`, headers });
    expect([png.statusCode, png.headers['content-type'], png.body]).toEqual([200, 'image/png', 'png']);
    states.set(printId, { state: 'failed', error: 'creation x is not an approved creation' });
    expect((await a.inject({ method: 'GET', url: `/prints/${printId}/output.png`, headers })).statusCode).toBe(422);
    const unknown = randomUUID();
    expect((await a.inject({ method: 'GET', url: `/prints/${unknown}/output.png`, headers: tokens.header(unknown) })).statusCode).toBe(404);
  });
});
