import { notFound } from '@atelier/common';
import type { Remix, RemixProgressEvent, RemixStreamEvent } from '@atelier/contracts';
import type { RemixEvent, RemixEventSource } from './remix-events';
import { visitorFailure } from './remix-view';
import type { WorkerPresence } from './worker-presence';

/** Where a stream's events go (the route writes them as server-sent events through their schemas). */
export interface RemixStreamSink {
  send(event: RemixStreamEvent): void;
  /** The stream is over: after `screened`, `failed` or `cancelled`, or when the remix cannot be read. */
  end(): void;
}

export interface RemixStream {
  /** Sends the remix's state as it was when opened, then every change, until a final event. */
  start(sink: RemixStreamSink): void;
  /** Stops early (the client went away, the server closes); nothing more is sent. */
  close(): void;
}

export interface RemixStreamDeps {
  /** The remix as its visitor session sees it (null for another session's). */
  remixes: { get(id: string, sessionId: string): Promise<Remix | null> };
  events: RemixEventSource;
  /** When workers stop or come back, a queued remix's `waitingFor` changes: its stream says so. */
  workers?: Pick<WorkerPresence, 'onChange'>;
}

/**
 * One event stream per remix (contracts `REMIX_EVENT_SCHEMAS`): `progress` (position, estimate, progress)
 * while it waits and runs, `completed` (the Remix as soon as its output is stored, `screening: true`), then
 * `screened` (the Remix with its safety report), which ends it; or `failed` / `cancelled`, which end it too.
 * A late subscriber to a screened remix gets `completed` and `screened` at once.
 */
export class RemixStreamService {
  constructor(private readonly deps: RemixStreamDeps) {}

  /**
   * Subscribes first and then reads the current state, so nothing that happens between the two is lost
   * (events arriving meanwhile wait their turn). 404 `remix_not_found` for an unknown remix or another visitor
   * session's.
   */
  async open(remixId: string, sessionId: string): Promise<RemixStream> {
    const follower = new Follower(remixId, sessionId, this.deps);
    const current = await follower.read().catch((err: unknown) => (follower.close(), Promise.reject(err)));
    if (!current) {
      follower.close();
      throw notFound('remix_not_found', 'No such remix.');
    }
    return { start: (sink) => follower.start(current, sink), close: () => follower.close() };
  }
}

const pending = (r: Remix | null): r is Remix & { status: 'queued' | 'running' } => r?.status === 'queued' || r?.status === 'running';

/** The state machine of one stream. */
class Follower {
  private sink: RemixStreamSink | null = null;
  private done = false;
  /** Events that arrive before the current state is sent wait here, so the stream never goes backwards. */
  private backlog: RemixEvent[] | null = [];
  private lastProgress = -1;
  private lastView = '';
  private queued = true;
  private sentCompleted = false;
  private settling: Promise<void> = Promise.resolve();
  private reading: Promise<void> | null = null;
  private again = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly id: string,
    private readonly sessionId: string,
    private readonly deps: RemixStreamDeps,
  ) {
    const own = deps.events.subscribe(id, (e) => (this.backlog ? this.backlog.push(e) : this.apply(e)));
    const moved = deps.events.onQueueMoved(() => {
      if (this.queued && !this.backlog) void this.refresh();
    });
    const workers = deps.workers?.onChange(() => {
      if (this.queued && !this.backlog) void this.refresh();
    });
    this.unsubscribe = () => {
      own();
      moved();
      workers?.();
    };
  }

  read(): Promise<Remix | null> {
    return this.deps.remixes.get(this.id, this.sessionId);
  }

  start(current: Remix, sink: RemixStreamSink): void {
    this.sink = sink;
    if (pending(current)) {
      this.lastProgress = current.progress;
      this.queued = current.status === 'queued';
      this.sendView(current);
    } else this.settleWith(current);
    const backlog = this.backlog ?? [];
    this.backlog = null;
    backlog.forEach((e) => this.apply(e));
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.unsubscribe();
    this.sink?.end();
  }

  private send(event: RemixStreamEvent): void {
    if (!this.done) this.sink?.send(event);
  }

  private apply(event: RemixEvent): void {
    if (this.done) return;
    if (event.type === 'active' || event.type === 'requeued') {
      this.queued = event.type === 'requeued';
      void this.refresh();
    } else if (event.type === 'progress') {
      if (event.progress <= this.lastProgress) return;
      this.lastProgress = event.progress;
      this.send({ event: 'progress', data: { progress: event.progress } });
    } else this.settle(event.type === 'failed' ? event.error : undefined);
  }

  /** The remix as it is after an ending event, one read at a time: later reads never see an older state. */
  private settle(failedError?: string): void {
    this.settling = this.settling
      .then(async () => {
        if (!this.done) this.settleWith(await this.read(), failedError);
      })
      .catch(() => this.close());
  }

  private settleWith(remix: Remix | null, failedError?: string): void {
    if (this.done) return;
    if (remix?.status === 'completed') {
      if (!this.sentCompleted) this.send({ event: 'completed', data: remix });
      this.sentCompleted = true;
      if (remix.screening) return; // `screened` follows when the job finishes
      this.send({ event: 'screened', data: remix });
    } else if (remix?.status === 'cancelled') {
      this.send({ event: 'cancelled', data: remix });
    } else if (pending(remix) && failedError === undefined) {
      return;
    } else {
      const failure = remix?.error ? { error: remix.error, code: remix.errorCode ?? 'failed' } : visitorFailure(failedError);
      this.send({ event: 'failed', data: failure });
    }
    this.close();
  }

  /**
   * Position and estimate change when any job starts or leaves; re-read them and send only a change. One read
   * at a time, the moves during it coalesced into one more read after it: overlapping reads could come back
   * out of order and move the position back.
   */
  private refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        const remix = await this.read().catch(() => null);
        if (!this.done && pending(remix)) this.sendView(remix);
      } while (this.again && !this.done);
    })().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private sendView(remix: Remix & { status: 'queued' | 'running' }): void {
    const view: RemixProgressEvent = { progress: Math.max(this.lastProgress, remix.progress), status: remix.status };
    if (remix.position !== undefined) view.position = remix.position;
    if (remix.estimateSeconds !== undefined) view.estimateSeconds = remix.estimateSeconds;
    if (remix.waitingFor) view.waitingFor = remix.waitingFor;
    const key = JSON.stringify(view);
    if (key === this.lastView) return;
    this.lastView = key;
    this.send({ event: 'progress', data: view });
  }
}
