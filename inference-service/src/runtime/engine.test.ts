import { describe, expect, it } from 'vitest';
import { createSessionFactory } from './providers';
import { SessionCache } from './session-cache';
import { InferenceEngine } from './engine';
import { tinyFastStyleRegistry } from '../testing/fixtures';

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
