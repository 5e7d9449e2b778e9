import type { KioskManifest } from '@atelier/contracts/exhibition.schema';

export type KioskConnection = 'connecting' | 'live' | 'offline';

export interface KioskState {
  /** What the screen shows: the last manifest received, kept while the server is away. */
  manifest: KioskManifest | null;
  connection: KioskConnection;
  /** The exhibition is not on view (any more): the screen shows nothing of it. */
  gone: boolean;
}

export interface StreamHandlers {
  manifest(m: KioskManifest): void;
  gone(): void;
  /** The stream failed or ended: the feed closes it and reconnects. */
  error(): void;
}
/** Opens the exhibition's event stream (the browser: EventSource; a Node test: fetch). */
export type OpenStream = (url: string, handlers: StreamHandlers) => { close(): void };

export interface KioskFeedOptions {
  eventsUrl: string;
  openStream: OpenStream;
  /** GET /exhibitions/:id/kiosk: the manifest, or throws with `status` 404 when it is not on view. */
  fetchManifest(): Promise<KioskManifest>;
  onState(state: KioskState): void;
  reconnectMs?: { first: number; max: number };
}

export const RECONNECT_MS = { first: 2_000, max: 30_000 } as const;

/**
 * A kiosk's connection to its exhibition, for days on end. The server sends the manifest on connecting and again
 * whenever what it shows changes (gallery-api routes/exhibitions/kiosk.ts), so nothing polls and a withdrawal reaches
 * the screen at once. When the stream fails (network, gallery-api restarting, the studio's proxy answering 502/503),
 * the feed keeps the manifest it has, reads the manifest once to tell "not on view" (404: show nothing) from "away"
 * (keep showing), and reconnects with a doubling backoff; on reconnecting it is sent the current manifest, so it
 * picks up whatever changed meanwhile. The browser's own EventSource retry is not relied on: it gives up for good on
 * an error status, which is exactly what a proxy answers while the server is down.
 */
export class KioskFeed {
  private state: KioskState = { manifest: null, connection: 'connecting', gone: false };
  private stream: { close(): void } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private stopped = false;
  private readonly backoff: { first: number; max: number };

  constructor(private readonly opts: KioskFeedOptions) {
    this.backoff = opts.reconnectMs ?? RECONNECT_MS;
    this.delay = this.backoff.first;
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stream?.close();
    this.stream = null;
  }

  current(): KioskState {
    return this.state;
  }

  private set(next: Partial<KioskState>): void {
    this.state = { ...this.state, ...next };
    if (!this.stopped) this.opts.onState(this.state);
  }

  private connect(): void {
    if (this.stopped) return;
    this.stream?.close();
    let done = false;
    const once = (fn: () => void) => () => {
      if (done) return;
      done = true;
      fn();
    };
    this.stream = this.opts.openStream(this.opts.eventsUrl, {
      manifest: (manifest) => {
        if (done) return;
        this.delay = this.backoff.first;
        this.set({ manifest, connection: 'live', gone: false });
      },
      gone: once(() => {
        this.stream?.close();
        this.set({ manifest: null, connection: 'live', gone: true });
        this.later();
      }),
      error: once(() => {
        this.stream?.close();
        this.set({ connection: 'offline' });
        void this.recover();
      }),
    });
  }

  private async recover(): Promise<void> {
    try {
      const manifest = await this.opts.fetchManifest();
      this.set({ manifest, connection: 'live', gone: false });
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || status === 400) this.set({ manifest: null, connection: 'live', gone: true });
      else this.set({ connection: 'offline' });
    }
    this.later();
  }

  private later(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, this.backoff.max);
  }
}

/** The browser's stream: an EventSource, closed on its first error (the feed reconnects). */
export const eventSourceStream: OpenStream = (url, h) => {
  const es = new EventSource(url);
  es.addEventListener('manifest', (e) => h.manifest(JSON.parse((e as MessageEvent<string>).data) as KioskManifest));
  es.addEventListener('gone', () => h.gone());
  es.onerror = () => {
    es.close();
    h.error();
  };
  return { close: () => es.close() };
};
