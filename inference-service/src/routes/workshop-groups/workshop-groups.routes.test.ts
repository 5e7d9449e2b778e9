import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { installServiceContract } from '@atelier/common';
import { WorkshopGroupTokens } from '@atelier/common/pupil-session';
import { workshopGroupRoutes } from './index';

const SECRET = 'z'.repeat(40);
const W = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

async function app() {
  const forget = vi.fn(async () => ({ remixes: 3, files: 6, running: 0 }));
  const a = Fastify();
  // The service's validation and error bodies, as inferenceApp installs them.
  await installServiceContract(a, { title: 't', description: 't', version: '0', prefix: '' });
  await a.register(workshopGroupRoutes, { tokens: new WorkshopGroupTokens(SECRET), remixes: { forget } });
  return { a, forget };
}

describe('DELETE /workshop-groups/:groupId/remixes', () => {
  it('401 without gallery-api’s token, with a token of another group or another secret; 400 for a group that is no id', async () => {
    const { a, forget } = await app();
    const del = (url: string, headers: Record<string, string> = {}) => a.inject({ method: 'DELETE', url, headers });
    expect((await del(`/workshop-groups/${W}/remixes`)).statusCode).toBe(401);
    expect((await del(`/workshop-groups/${W}/remixes`, new WorkshopGroupTokens(SECRET).header(OTHER))).statusCode).toBe(401);
    expect((await del(`/workshop-groups/${W}/remixes`, new WorkshopGroupTokens('q'.repeat(40)).header(W))).json().error.code).toBe('unauthorized');
    expect((await del('/workshop-groups/not-a-group/remixes', new WorkshopGroupTokens(SECRET).header(W))).statusCode).toBe(400);
    expect(forget).not.toHaveBeenCalled();
  });

  it('forgets the group named by a valid token and answers the counts', async () => {
    const { a, forget } = await app();
    const res = await a.inject({ method: 'DELETE', url: `/workshop-groups/${W}/remixes`, headers: new WorkshopGroupTokens(SECRET).header(W) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ remixes: 3, files: 6, running: 0 });
    expect(forget).toHaveBeenCalledWith(W);
  });
});
