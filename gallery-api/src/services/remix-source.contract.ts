import { describe, expect, it } from 'vitest';
import type { RemixEventName } from '@atelier/contracts/remix.schema';
import { perTest } from '../testing/per-test';
import { FAKE_VISITOR, remixOf } from './creation.fakes';
import type { DraftRemixSource } from './draft.service';
import { RemixContractError, type RemixSource } from './publish.service';

/** A RemixSource with the means to play inference-service: what it answers, and the events of a remix's stream. */
export interface RemixSourceHarness {
  source: RemixSource & DraftRemixSource;
  /** The same kind of source, with inference-service out of reach. */
  unreachable: RemixSource & DraftRemixSource;
  /** Serves the remix to its visitor (`owner`, by default FAKE_VISITOR) only. */
  serve(remix: { id: string } & Record<string, unknown>, owner?: string): void;
  /** Serves the output image of a remix served before, to its visitor only. */
  serveOutput(id: string, png: Buffer): void;
  announce(id: string, event: { event: RemixEventName; data: unknown }): void;
  /** Resolves once the remix's event stream is being read. */
  subscribed(id: string): Promise<void>;
  close(): Promise<void>;
}

const ME = FAKE_VISITOR;
const SOMEONE_ELSE = 'credential-of-another-visitor';

const SAFETY = { screened: true, flagged: true, scores: { output: { Porn: 0.9 } }, flagClasses: ['Porn'], threshold: 0.6 };

/**
 * What every RemixSource does, run against the in-memory fake (creation.fakes.test.ts) and HttpInferenceClient on a
 * real HTTP event stream (inference.client.test.ts), so the fake the publish tests use cannot drift from the client.
 */
export function describeRemixSource(name: string, make: () => Promise<RemixSourceHarness>): void {
  describe(`${name}: the RemixSource contract`, () => {
    const start = perTest(make);

    it('answers a remix in any status as the contract reads it, and null for an unknown one', async () => {
      const { source, serve } = await start();
      serve({ ...remixOf('r1'), extra: 'dropped' });
      serve(remixOf('r2', { status: 'cancelled', output: undefined, progress: 0.4 }));
      expect(await source.getRemix('r1', ME)).toEqual(remixOf('r1'));
      expect(await source.getRemix('r2', ME)).toMatchObject({ id: 'r2', status: 'cancelled' });
      expect(await source.getRemix('nope', ME)).toBeNull();
    });

    it("answers null for another visitor's remix, on GET and on its event stream", async () => {
      const { source, serve } = await start();
      serve(remixOf('theirs', { screening: true }), SOMEONE_ELSE);
      expect(await source.getRemix('theirs', ME)).toBeNull();
      expect(await source.awaitScreen('theirs', ME, 10_000)).toBeNull();
      expect(await source.getRemix('theirs', SOMEONE_ELSE)).toMatchObject({ id: 'theirs' });
    });

    it('refuses an answer off the contract (a percentage for a fraction, a status it does not know) as such', async () => {
      const { source, serve } = await start();
      serve({ ...remixOf('pct'), progress: 100 });
      serve({ ...remixOf('odd'), status: 'paused' });
      await expect(source.getRemix('pct', ME)).rejects.toBeInstanceOf(RemixContractError);
      await expect(source.getRemix('odd', ME)).rejects.toBeInstanceOf(RemixContractError);
    });

    it('throws, but not as a contract error, when inference-service cannot be reached', async () => {
      const { unreachable } = await start();
      const err = await unreachable.getRemix('r1', ME).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(RemixContractError);
    });

    it("answers a remix's output to its visitor only, and null while it has none", async () => {
      const { source, unreachable, serve, serveOutput } = await start();
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      serve(remixOf('out'));
      serveOutput('out', png);
      serve(remixOf('running', { status: 'running', output: undefined }));
      serve(remixOf('theirs'), SOMEONE_ELSE);
      serveOutput('theirs', png);
      expect(await source.getOutput('out', ME)).toEqual(png);
      expect(await source.getOutput('running', ME)).toBeNull();
      expect(await source.getOutput('theirs', ME)).toBeNull();
      expect(await source.getOutput('nope', ME)).toBeNull();
      await expect(unreachable.getOutput('out', ME)).rejects.not.toBeInstanceOf(RemixContractError);
    });

    it('waits on the event stream until the safety screen is announced, and answers the screened remix', async () => {
      const { source, serve, announce, subscribed } = await start();
      serve(remixOf('s1', { screening: true }));
      const waiting = source.awaitScreen('s1', ME, 10_000);
      await subscribed('s1');
      announce('s1', { event: 'progress', data: { progress: 1 } });
      announce('s1', { event: 'screened', data: remixOf('s1', { safety: SAFETY }) });
      expect(await waiting).toEqual(remixOf('s1', { safety: SAFETY }));
    });

    it('answers a remix whose screen is already done at once', async () => {
      const { source, serve } = await start();
      serve(remixOf('done', { safety: SAFETY }));
      expect(await source.awaitScreen('done', ME, 10_000)).toEqual(remixOf('done', { safety: SAFETY }));
    });

    it('answers null when the bound passes first, and when the remix fails; the cancelled remix when it is cancelled', async () => {
      const { source, serve, announce, subscribed } = await start();
      serve(remixOf('slow', { screening: true }));
      expect(await source.awaitScreen('slow', ME, 50)).toBeNull();
      serve(remixOf('f', { screening: true }));
      const failing = source.awaitScreen('f', ME, 10_000);
      await subscribed('f');
      announce('f', { event: 'failed', data: { error: 'worker lost' } });
      expect(await failing).toBeNull();
      serve(remixOf('c', { screening: true }));
      const cancelling = source.awaitScreen('c', ME, 10_000);
      await subscribed('c');
      announce('c', { event: 'cancelled', data: remixOf('c', { status: 'cancelled', output: undefined }) });
      expect(await cancelling).toMatchObject({ id: 'c', status: 'cancelled' });
    });

    it('answers null at once for a remix it does not know, and when inference-service is out of reach', async () => {
      const { source, unreachable } = await start();
      expect(await source.awaitScreen('nope', ME, 10_000)).toBeNull();
      expect(await unreachable.awaitScreen('nope', ME, 10_000)).toBeNull();
    });

    it('refuses an event off the contract', async () => {
      const { source, serve, announce, subscribed } = await start();
      serve(remixOf('bad', { screening: true }));
      const waiting = source.awaitScreen('bad', ME, 10_000);
      await subscribed('bad');
      announce('bad', { event: 'screened', data: { ...remixOf('bad'), progress: 100 } });
      await expect(waiting).rejects.toBeInstanceOf(RemixContractError);
    });
  });
}
