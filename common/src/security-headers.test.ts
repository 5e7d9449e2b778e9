import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { API_CSP, installSecurityHeaders, securityHeaders, STUDIO_CSP } from './security-headers';
import { openSseResponse } from './sse-response';

describe('securityHeaders', () => {
  it('are helmet’s headers for the given CSP, computed once', () => {
    const headers = securityHeaders(API_CSP);
    expect(headers).toMatchObject({
      'content-security-policy': "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      // No includeSubDomains: the studio does not own the museum's other host names.
      'strict-transport-security': 'max-age=31536000',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(Object.isFrozen(headers)).toBe(true);
    expect(securityHeaders(STUDIO_CSP)['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('installSecurityHeaders', () => {
  it('puts them on every answer: a route, a 404, an error, and a hijacked event stream', async () => {
    const app = Fastify();
    await installSecurityHeaders(app, API_CSP);
    app.get('/ok', async () => ({ ok: true }));
    app.get('/own', async (_req, reply) => reply.header('cross-origin-resource-policy', 'cross-origin').send('x'));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    app.get('/events', async (req, reply) => {
      openSseResponse(req, reply, { heartbeatMs: 1000 }).close();
    });
    const expected = securityHeaders(API_CSP);
    for (const url of ['/ok', '/missing', '/boom', '/events']) {
      const res = await app.inject(url);
      for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${url} ${name}`).toBe(value);
    }
    expect((await app.inject('/events')).headers['content-type']).toBe('text/event-stream; charset=utf-8');
    // A route may still say otherwise for itself.
    expect((await app.inject('/own')).headers['cross-origin-resource-policy']).toBe('cross-origin');
    await app.close();
  });
});
