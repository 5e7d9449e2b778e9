import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * A short-lived bearer token one service gives another for one thing (a print, forgetting a workshop group), signed
 * under ATELIER_SESSION_SECRET, which both services share, with a key derived for its purpose alone: no visitor or
 * pupil cookie and no token of another purpose can pass for one. It names its subject (a uuid) and when it expires.
 */
export class ServiceTokens {
  private readonly key: Buffer;
  private readonly pattern: RegExp;

  constructor(
    secret: string,
    private readonly purpose: {
      /** What the key is derived for (never reused across purposes). */
      keyLabel: string;
      /** The token's first parts, e.g. `r1.print`: its version and purpose, readable in a log. */
      prefix: string;
      ttlMs: number;
    },
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update(purpose.keyLabel).digest();
    const prefix = purpose.prefix.replace(/\./g, '\\.');
    this.pattern = new RegExp(`^(${prefix}\\.(${UUID})\\.(\\d{1,12}))\\.([A-Za-z0-9_-]{43})$`);
  }

  /** `Authorization` for `subject` (a uuid), valid for `ttlMs`. */
  header(subject: string, ttlMs = this.purpose.ttlMs): { authorization: string } {
    const payload = `${this.purpose.prefix}.${subject.toLowerCase()}.${Math.floor((this.now() + ttlMs) / 1000)}`;
    return { authorization: `Bearer ${payload}.${this.sign(payload)}` };
  }

  /** Whether `authorization` is a live token of this purpose for exactly this subject. */
  verify(authorization: string | undefined, subject: string): boolean {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (!token || token.length > 200) return false;
    const m = this.pattern.exec(token);
    if (!m || m[2] !== subject.toLowerCase()) return false;
    const expected = Buffer.from(this.sign(m[1]!));
    const given = Buffer.from(m[4]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    return Number(m[3]) * 1000 > this.now();
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
