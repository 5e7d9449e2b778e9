import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { NOTICE_CHANNELS, type NoticeChannel, type NoticeListener, type Notices } from '../services/notices';

/** The Postgres channel of each kind of notice. */
const CHANNEL: Record<NoticeChannel, string> = { exhibitions: 'atelier_exhibitions', workshops: 'atelier_workshops' };
const KIND = new Map(Object.entries(CHANNEL).map(([kind, channel]) => [channel, kind as NoticeChannel]));

export interface PgNoticesOptions {
  /** Sends the notices (`pg_notify` on any pooled connection). */
  pool: pg.Pool;
  /** The listening connection's settings; by default the pool's own. */
  connection?: pg.ClientConfig;
  /** Where a lost connection or a notice that could not be sent is logged. */
  onError?(err: unknown, message: string): void;
  /** The first wait before reconnecting, doubled on each failure up to `maxRetryMs`. Defaults 250 ms and 10 s. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Change notices over Postgres LISTEN/NOTIFY, so every gallery-api process on one database hears of every change.
 * One dedicated connection per process listens on all channels (a pooled one would be handed to other queries); it is
 * opened with the first listener and, when lost, opened again with a growing wait; each time it listens, every
 * listener already there is told of the gap (it may have missed notices) and re-reads. Payloads stay far below NOTIFY's 8000 bytes: ids only.
 *
 * This process's own listeners hear a notice at once, from `notify` itself, and its echo from Postgres is dropped (each
 * process tags what it sends): a kiosk on the process that withdrew hears it even while the listening connection is
 * down, and on embedded PGlite, where NOTIFY does not reach a listening socket connection, a single process still works.
 */
export class PgNotices implements Notices {
  private readonly listeners = new Map<NoticeChannel, Set<NoticeListener>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private closed = false;
  private pid: number | null = null;
  private waiting: (() => void)[] = [];
  /** Tags this process's notices, so it can tell its own echo from another process's notice. */
  private readonly origin = randomUUID();

  constructor(private readonly opts: PgNoticesOptions) {
    this.retryMs = opts.retryMs ?? 250;
  }

  async notify(channel: NoticeChannel, payload: object): Promise<void> {
    const text = JSON.stringify(payload);
    this.deliverLocal(channel, text);
    try {
      await this.opts.pool.query('SELECT pg_notify($1, $2)', [CHANNEL[channel], JSON.stringify({ origin: this.origin, payload: JSON.parse(text) })]);
    } catch (err) {
      // Listeners re-read when they reconnect (a kiosk on its next connection, every one after a gap).
      this.opts.onError?.(err, `notice on ${channel} not sent`);
    }
  }

  listen(channel: NoticeChannel, listener: NoticeListener): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener);
    this.open();
    return () => set.delete(listener);
  }

  /** Resolves once the connection listens (now, or after the reconnect under way). For tests and health. */
  listening(): Promise<void> {
    if (this.client && !this.connecting) return Promise.resolve();
    this.open();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The listening connection's backend process id (tests terminate it to see the reconnect), or null. */
  get backendPid(): number | null {
    return this.client ? this.pid : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private open(): void {
    if (this.closed || this.client || this.connecting || this.retryTimer) return;
    this.connecting = this.connect().finally(() => (this.connecting = null));
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.opts.connection ?? this.opts.pool.options);
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    client.on('notification', (msg) => this.deliver(msg));
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number }>(
        `${NOTICE_CHANNELS.map((k) => `LISTEN ${CHANNEL[k]};`).join(' ')} SELECT pg_backend_pid() AS pid`,
      ).then((r) => (Array.isArray(r) ? r.at(-1)! : r));
      if (this.closed) return void (await client.end().catch(() => undefined));
      this.pid = rows[0]!.pid;
      this.client = client;
      this.retryMs = this.opts.retryMs ?? 250;
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.opts.onError?.(err, 'notices: cannot listen on Postgres; trying again');
      return this.retry();
    }
    for (const resolve of this.waiting.splice(0)) resolve();
    // Listeners that came before this connection listened (the first ones, or any during an outage) may have missed
    // notices: they re-read.
    for (const set of this.listeners.values()) for (const l of [...set]) l.gap?.();
  }

  private lost(client: pg.Client, err: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.closed) return;
    this.opts.onError?.(err ?? new Error('connection ended'), 'notices: the listening connection to Postgres was lost; reconnecting');
    client.end().catch(() => undefined);
    this.retry();
  }

  private retry(): void {
    if (this.closed || this.retryTimer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.opts.maxRetryMs ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, wait);
  }

  private deliver(msg: pg.Notification): void {
    const kind = KIND.get(msg.channel);
    if (!kind || msg.payload === undefined) return;
    let sent: { origin?: unknown; payload?: unknown };
    try {
      sent = JSON.parse(msg.payload) as typeof sent;
    } catch {
      return;
    }
    // Our own notice was delivered here when it was sent.
    if (!sent || typeof sent !== 'object' || sent.origin === this.origin || sent.payload === undefined) return;
    for (const l of [...(this.listeners.get(kind) ?? [])]) l.notice(sent.payload);
  }

  private deliverLocal(channel: NoticeChannel, text: string): void {
    // As over Postgres: each listener reads its own copy of the JSON.
    for (const l of [...(this.listeners.get(channel) ?? [])]) l.notice(JSON.parse(text));
  }
}
