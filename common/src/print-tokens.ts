import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN = /^(r1\.print\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12}))\.([A-Za-z0-9_-]{43})$/;

/**
 * gallery-api's bearer token for one print (issue 12 item 3): inference-service makes prints only when asked by
 * gallery-api, which checked the staff member's `curate` permission. Signed under ATELIER_SESSION_SECRET with its
 * own derived key (it can pass as no session and no other token), for one print id, for a few minutes.
 */
export class PrintTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('atelier print').digest();
  }

  header(printId: string, ttlMs = 10 * 60_000): { authorization: string } {
    const payload = `r1.print.${printId.toLowerCase()}.${Math.floor((this.now() + ttlMs) / 1000)}`;
    return { authorization: `Bearer ${payload}.${this.sign(payload)}` };
  }

  verify(authorization: string | undefined, printId: string): boolean {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (!token || token.length > 200) return false;
    const m = TOKEN.exec(token);
    if (!m || m[2] !== printId.toLowerCase()) return false;
    const expected = Buffer.from(this.sign(m[1]!));
    const given = Buffer.from(m[4]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    return Number(m[3]) * 1000 > this.now();
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
