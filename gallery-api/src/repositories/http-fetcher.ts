import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { realClock, TokenBucket } from './rate-limiter';

/** An HTTP answer that is not 2xx (after retries, for 429 and 5xx). */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

/** A URL a fetch policy refuses (a private address, a host not allowed, a scheme other than http(s)): never retried. */
export class BlockedUrlError extends Error {
  override name = 'BlockedUrlError';
}

/** No answer at all: refused connection, DNS, timeout, a body larger than allowed. */
export class HttpNetworkError extends Error {
  override name = 'HttpNetworkError';
}

export interface HttpFetcherOptions {
  userAgent?: string;
  /** Per attempt, headers and body together. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx and network errors; never on other 4xx. */
  maxRetries?: number;
  baseDelayMs?: number;
  /** Upper bound for one wait, Retry-After included: a server asking for an hour gets an error instead. */
  maxDelayMs?: number;
  limiter?: TokenBucket | null;
  extraHeaders?: Record<string, string>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each retry; the CLI prints it. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;

let version: string | undefined;
/** `OpenAtelier/0.1.0 (+mailto:…)`: museums ask API users to identify themselves and be reachable. */
export function defaultUserAgent(env: NodeJS.ProcessEnv = process.env): string {
  version ??= (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
  const contact = env.ATELIER_CONTACT?.trim() || 'https://github.com/open-atelier';
  return `OpenAtelier/${version} (+${contact})`;
}

/** GETs JSON, text and bounded bytes with a rate limit, retries with exponential backoff + jitter, and timeouts. */
export class HttpFetcher {
  private readonly o: Required<Omit<HttpFetcherOptions, 'limiter' | 'onRetry'>> & Pick<HttpFetcherOptions, 'limiter' | 'onRetry'>;

  constructor(opts: HttpFetcherOptions = {}) {
    this.o = {
      userAgent: opts.userAgent ?? defaultUserAgent(),
      timeoutMs: opts.timeoutMs ?? 30_000,
      maxRetries: opts.maxRetries ?? 4,
      baseDelayMs: opts.baseDelayMs ?? 500,
      maxDelayMs: opts.maxDelayMs ?? 60_000,
      limiter: opts.limiter ?? null,
      extraHeaders: opts.extraHeaders ?? {},
      fetch: opts.fetch ?? globalThis.fetch,
      sleep: opts.sleep ?? realClock.sleep,
      random: opts.random ?? Math.random,
      onRetry: opts.onRetry,
    };
  }

  async json<T = unknown>(url: string, headers: Record<string, string> = {}): Promise<T> {
    const bytes = await this.bytes(url, { headers: { accept: 'application/json', ...headers } });
    try {
      return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
    } catch {
      throw new HttpNetworkError(`not JSON: ${url}`);
    }
  }

  async text(url: string, opts: { maxBytes?: number } = {}): Promise<string> {
    return Buffer.from(await this.bytes(url, opts)).toString('utf8');
  }

  /** The body, refused (not truncated) past `maxBytes`, so a 70 MB TIFF is never read into memory whole. */
  async bytes(url: string, opts: { headers?: Record<string, string>; maxBytes?: number } = {}): Promise<Uint8Array> {
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    for (let attempt = 0; ; attempt++) {
      if (this.o.limiter) await this.o.limiter.take();
      let retryReason: string;
      let retryAfterMs: number | null = null;
      try {
        const res = await this.attempt(url, opts.headers ?? {}, maxBytes);
        if (res.ok) return res.body;
        if (res.status !== 429 && res.status < 500) throw new HttpStatusError(res.status, url);
        if (attempt >= this.o.maxRetries) throw new HttpStatusError(res.status, url);
        retryReason = `HTTP ${res.status}`;
        retryAfterMs = res.retryAfterMs;
      } catch (err) {
        if (!(err instanceof HttpNetworkError) || err.message.startsWith('larger than') || attempt >= this.o.maxRetries) throw err;
        retryReason = err.message;
      }
      const backoff = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt);
      // Full jitter spreads retries of many clients; a server's Retry-After is a floor, not a suggestion.
      const delayMs = retryAfterMs !== null ? Math.max(retryAfterMs, backoff / 2) : backoff / 2 + this.o.random() * (backoff / 2);
      if (delayMs > this.o.maxDelayMs) throw new HttpNetworkError(`${url} asks to wait ${Math.round(delayMs / 1000)} s (Retry-After)`);
      this.o.onRetry?.({ url, attempt: attempt + 1, delayMs, reason: retryReason });
      await this.o.sleep(delayMs);
    }
  }

  private async attempt(
    url: string,
    headers: Record<string, string>,
    maxBytes: number,
  ): Promise<{ ok: true; body: Uint8Array } | { ok: false; status: number; retryAfterMs: number | null }> {
    const signal = AbortSignal.timeout(this.o.timeoutMs);
    let res: Response;
    try {
      res = await this.o.fetch(url, {
        headers: { 'user-agent': this.o.userAgent, ...this.o.extraHeaders, ...headers },
        redirect: 'follow',
        signal,
      });
    } catch (err) {
      if (err instanceof BlockedUrlError) throw err;
      throw new HttpNetworkError(`${describe(err)}: ${url}`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new HttpNetworkError(`larger than ${maxBytes} bytes: ${url}`);
    }
    try {
      return { ok: true, body: await readCapped(res, maxBytes, url) };
    } catch (err) {
      if (err instanceof HttpNetworkError) throw err;
      throw new HttpNetworkError(`${describe(err)}: ${url}`);
    }
  }
}

async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new HttpNetworkError(`larger than ${maxBytes} bytes: ${url}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error';
}
