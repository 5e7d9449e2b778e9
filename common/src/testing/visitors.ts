import { VISITOR_COOKIE, VisitorSessions, type VisitorSession } from '../visitor-session';

/** Test support: the session secret every in-process test shares (a test of a real stack makes its own). */
export const TEST_SESSION_SECRET = 'test-only-session-secret-0123456789abcdef';

export const testVisitorSessions = (over: { ttlMs?: number; secureCookie?: boolean } = {}) =>
  new VisitorSessions({ secret: TEST_SESSION_SECRET, ttlMs: 3_600_000, secureCookie: false, ...over });

/** A visitor as a browser holds one: its session, and the `cookie` header that carries it. */
export interface TestVisitor {
  session: VisitorSession;
  cookie: string;
  headers: { cookie: string };
}

export function testVisitor(sessions: VisitorSessions = testVisitorSessions()): TestVisitor {
  const session = sessions.mint();
  const cookie = `${VISITOR_COOKIE}=${session.token}`;
  return { session, cookie, headers: { cookie } };
}
