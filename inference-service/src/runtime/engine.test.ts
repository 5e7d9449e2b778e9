import { describe, expect, it } from 'vitest';
import { createSessionFactory } from './providers';
import { SessionCache } from './session-cache';
import { InferenceEngine } from './engine';
import { tinyFastStyleRegistry, tinyMagentaRegistry } from '../testing/fixtures';

const engineWith = async (enabledSpec: string[] | undefined) => {
  const sessions = new SessionCache(createSessionFactory({ providers: ['cpu'], intraOpNumThreads: 1 }), 1e9);
  return { sessions, engine: new InferenceEngine({ registry: await tinyFastStyleRegistry(), sessions, enabledSpec }) };
};

describe('InferenceEngine warm-up of the fixed styles', () => {
  it('leaves them cold by default (no licence stated: off unless an operator enables them)', async () => {
    const { engine, sessions } = await engineWith(undefined);
    expect(engine.enabled('fast-neural-style-nc16')).toBe(false);
    expect(await engine.warmUp()).toMatchObject({ warmed: [], failed: [] });
    expect(sessions.stats().loads).toBe(0);
  });

  it('loads and runs the three offered styles at start once switched on with +fast-neural-style-nc16', async () => {
    const { engine, sessions } = await engineWith(['+fast-neural-style-nc16']);
    expect(engine.enabled('fast-neural-style-nc16')).toBe(true);
    expect(await engine.warmUp()).toMatchObject({ warmed: ['fast-neural-style-nc16'], failed: [] });
    expect(sessions.stats()).toMatchObject({ loads: 3, entries: 3 });
    expect(engine.models.map((m) => [m.manifest.id, m.tool])).toEqual([['fast-neural-style-nc16', 'fixed-style']]);
  });
});

describe('InferenceEngine staged warm-up', () => {
  it('warms only the models asked for, says which are ready, and lets the caller wait before each', async () => {
    const sessions = new SessionCache(createSessionFactory({ providers: ['cpu'], intraOpNumThreads: 1 }), 1e9);
    const engine = new InferenceEngine({ registry: await tinyMagentaRegistry(), sessions, enabledSpec: undefined });
    // Style is the studio's first tool: warmed before the first job (the screen too, where its manifest is here).
    expect(engine.firstModels()).toEqual(['magenta-arbitrary-style']);
    expect(engine.ready()).toEqual([]);
    expect(await engine.warmUp([])).toMatchObject({ warmed: [] });
    expect(sessions.stats().loads).toBe(0);
    const waits: string[] = [];
    const report = await engine.warmUp(engine.firstModels(), async () => void waits.push(`before ${engine.ready().length}`));
    expect(report.warmed).toEqual(['magenta-arbitrary-style']);
    expect(waits).toEqual(['before 0']);
    expect(engine.ready()).toEqual(['magenta-arbitrary-style']);
  });
});
