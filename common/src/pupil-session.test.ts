import { describe, expect, it } from 'vitest';
import { PupilSessions, WorkshopGroupTokens } from './pupil-session';
import { VisitorSessions } from './visitor-session';

const SECRET = 'x'.repeat(40);
const W = '11111111-1111-4111-8111-111111111111';
const P = '22222222-2222-4222-8222-222222222222';

describe('pupil sessions', () => {
  it('round-trips, refuses a forged, expired or foreign token, and never passes as a visitor session', () => {
    let now = 1_000_000;
    const pupils = new PupilSessions(SECRET, false, () => now);
    const session = { workshopId: W, pupilId: P, expiresAt: new Date(now + 3_600_000) };
    const token = pupils.token(session);
    expect(pupils.verify(token)).toEqual(session);
    expect(pupils.verify(token.replace(P, W))).toBeNull();
    expect(new PupilSessions('y'.repeat(40), false).verify(token)).toBeNull();
    expect(new VisitorSessions({ secret: SECRET, ttlMs: 1000, secureCookie: false }).verify(token)).toBeNull();
    expect(pupils.of({ headers: { cookie: `a=b; atelier_pupil=${token}` } })).toEqual(session);
    expect(pupils.cookie(session, false)).toMatch(/^atelier_pupil=p1\..*Max-Age=3600;.*HttpOnly; SameSite=Strict$/);
    now += 3_600_000;
    expect(pupils.verify(token)).toBeNull();
  });
});

describe('workshop group tokens (gallery-api asks inference-service to forget a group)', () => {
  it('open only their own group, for a minute, under the shared secret; a pupil cookie is no such token', () => {
    let now = 1_000_000;
    const tokens = new WorkshopGroupTokens(SECRET, () => now);
    const { authorization } = tokens.header(W);
    expect(tokens.verify(authorization, W)).toBe(true);
    expect(tokens.verify(authorization, P)).toBe(false);
    expect(tokens.verify(authorization.replace('Bearer ', ''), W)).toBe(false);
    expect(tokens.verify(undefined, W)).toBe(false);
    expect(new WorkshopGroupTokens('y'.repeat(40), () => now).verify(authorization, W)).toBe(false);
    const pupil = new PupilSessions(SECRET, false, () => now).token({ workshopId: W, pupilId: P, expiresAt: new Date(now + 60_000) });
    expect(tokens.verify(`Bearer ${pupil}`, W)).toBe(false);
    now += 61_000;
    expect(tokens.verify(authorization, W)).toBe(false);
  });
});
