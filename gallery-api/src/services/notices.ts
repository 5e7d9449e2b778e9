/**
 * Change notices between gallery-api processes: what a kiosk or a workshop page must hear of, wherever the change
 * was made (a withdrawal, a pupil's send). The real part is repositories/pg-notices.ts (Postgres LISTEN/NOTIFY);
 * `MemoryNotices` is its in-memory fake for unit tests, held to it by notices.contract.ts.
 */

/** The kinds of notice: one Postgres channel each. */
export const NOTICE_CHANNELS = ['exhibitions', 'workshops'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export interface NoticeListener {
  /** A notice, as sent (JSON-shaped; a listener checks what it reads). */
  notice(payload: unknown): void;
  /**
   * The notices could not be heard for a while (the connection to Postgres dropped and is back): any may have been
   * missed, so a listener re-reads whatever it shows.
   */
  gap?(): void;
}

export interface Notices {
  /** Announces to every process listening on the channel, this one included. A notice that cannot be sent is logged. */
  notify(channel: NoticeChannel, payload: object): Promise<void>;
  /** Listens on a channel until the answered function is called. */
  listen(channel: NoticeChannel, listener: NoticeListener): () => void;
}

/** Notices within one process (unit tests, and the CLIs that serve no stream): delivered at once, before `notify` returns. */
export class MemoryNotices implements Notices {
  private readonly listeners = new Map<NoticeChannel, Set<NoticeListener>>();

  async notify(channel: NoticeChannel, payload: object): Promise<void> {
    // As over Postgres: each listener reads its own copy of the JSON.
    const text = JSON.stringify(payload);
    for (const l of [...(this.listeners.get(channel) ?? [])]) l.notice(JSON.parse(text));
  }

  listen(channel: NoticeChannel, listener: NoticeListener): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** What a dropped connection does to the real part: every listener is told it may have missed notices. */
  gap(): void {
    for (const set of this.listeners.values()) for (const l of [...set]) l.gap?.();
  }
}
