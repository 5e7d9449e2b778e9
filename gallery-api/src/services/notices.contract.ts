import { describe, expect, it } from 'vitest';
import type { Notices } from './notices';

export interface NoticesHarness {
  /** Two processes' views of one channel set: what `a` sends, `b` hears (and `a` too). */
  a: Notices;
  b: Notices;
  /** Resolves once both listen (the real part opens its connection with the first listener). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

/** What every Notices does, held to both the in-memory fake and the Postgres part (pg-notices.ts). */
export function describeNotices(name: string, make: () => Promise<NoticesHarness>): void {
  describe(`${name}: the change notices contract`, () => {
    const next = (n: Notices, channel: 'exhibitions' | 'workshops') =>
      new Promise<unknown>((resolve) => {
        const off = n.listen(channel, {
          notice: (p) => {
            off();
            resolve(p);
          },
        });
      });

    it('delivers a notice to every listener on its channel, in each process, as a copy of the JSON sent', async () => {
      const h = await make();
      try {
        const inB = next(h.b, 'exhibitions');
        const inA = next(h.a, 'exhibitions');
        const other: unknown[] = [];
        const off = h.b.listen('workshops', { notice: (p) => other.push(p) });
        await h.listening();
        const sent = { exhibitionIds: ['e1', 'e2'] };
        await h.a.notify('exhibitions', sent);
        expect(await inB).toEqual(sent);
        expect(await inA).toEqual(sent);
        expect(await inA).not.toBe(sent);
        // Another channel: a notice sent after the first reaches only its own listeners.
        const later = next(h.b, 'workshops');
        await h.a.notify('workshops', { workshopId: 'w1', event: { type: 'pupils' } });
        expect(await later).toEqual({ workshopId: 'w1', event: { type: 'pupils' } });
        expect(other).toEqual([{ workshopId: 'w1', event: { type: 'pupils' } }]);
        off();
      } finally {
        await h.close();
      }
    });

    it("hears its own process's notice once, at once, even before anything listens on Postgres", async () => {
      const h = await make();
      try {
        const heard: unknown[] = [];
        h.a.listen('exhibitions', { notice: (p) => heard.push(p) });
        // Sent before the listening connection is up: this process's listener has it when notify returns.
        await h.a.notify('exhibitions', { exhibitionIds: ['own'] });
        expect(heard).toEqual([{ exhibitionIds: ['own'] }]);
        await h.listening();
        await h.a.notify('exhibitions', { exhibitionIds: ['own again'] });
        // Another process's notice, sent after: by the time it arrives, any echo of ours would have too.
        const fromB = new Promise<void>((resolve) => h.a.listen('exhibitions', { notice: (p) => (p as { exhibitionIds: string[] }).exhibitionIds[0] === 'from b' && resolve() }));
        await h.b.notify('exhibitions', { exhibitionIds: ['from b'] });
        await fromB;
        expect(heard).toEqual([{ exhibitionIds: ['own'] }, { exhibitionIds: ['own again'] }, { exhibitionIds: ['from b'] }]);
      } finally {
        await h.close();
      }
    });

    it('hears nothing after unsubscribing', async () => {
      const h = await make();
      try {
        const heard: unknown[] = [];
        const off = h.b.listen('exhibitions', { notice: (p) => heard.push(p) });
        const keepOpen = next(h.b, 'workshops');
        await h.listening();
        off();
        await h.a.notify('exhibitions', { exhibitionIds: ['gone'] });
        // A later notice on the connection that still listens arrives after the first would have.
        await h.a.notify('workshops', { workshopId: 'w', event: { type: 'workshop' } });
        await keepOpen;
        expect(heard).toEqual([]);
      } finally {
        await h.close();
      }
    });
  });
}
