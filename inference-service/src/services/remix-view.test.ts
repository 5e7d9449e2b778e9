import { describe, expect, it } from 'vitest';
import { outputReadyOf, progressOf, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';
import type { RemixSnapshot } from './remix-queue';
import { toRemix } from './remix-view';

const MODEL = { id: 'magenta-arbitrary-style', version: '1', files: [{ name: 'a.onnx', sha256: 'a'.repeat(64) }] };
const data: RemixJobData = {
  remixId: 'r1',
  model: MODEL.id,
  tool: 'style',
  params: { styleWorkId: 'w1', strength: 0.5 },
  workIds: [],
  inputKey: 'inputs/r1.png',
  inputSha256: 'b'.repeat(64),
};
const ready = { model: MODEL, output: { key: 'outputs/r1.png', sha256: 'c'.repeat(64), width: 8, height: 8 }, finishedAt: '2026-11-24T10:00:00.000Z' };
const safety: RemixJobResult['safety'] = { screened: true, flagged: false, scores: {}, flagClasses: ['Porn'], threshold: 0.6 };
const snapshot = (s: Partial<RemixSnapshot>): RemixSnapshot => ({ data, state: 'running', progress: 0.9, createdAt: 0, ...s });

describe('remix view', () => {
  it('is running, without an output, before the output is announced, with its tool', () => {
    const remix = toRemix(snapshot({}), MODEL, 'style');
    expect(remix).toMatchObject({ status: 'running', progress: 0.9, tool: 'style' });
    expect(remix.output).toBeUndefined();
    expect(remix.screening).toBeUndefined();
  });

  it('is completed for the visitor once the output is announced, with the safety screen still to come', () => {
    const remix = toRemix(snapshot({ ready }), MODEL, 'style');
    expect(remix).toMatchObject({ status: 'completed', progress: 1, screening: true, finishedAt: ready.finishedAt });
    expect(remix.output).toEqual({ url: '/api/inference/remixes/r1/output.png', sha256: ready.output.sha256, width: 8, height: 8 });
    expect(remix.safety).toBeUndefined();
  });

  it('carries the screen report and no `screening` once the job has finished', () => {
    const remix = toRemix(snapshot({ state: 'completed', result: { ...ready, safety } }), MODEL, 'style');
    expect(remix).toMatchObject({ status: 'completed', safety });
    expect(remix).not.toHaveProperty('screening');
  });

  it("takes the job's tool, and the model's tool for a job queued before jobs recorded it", () => {
    expect(toRemix(snapshot({}), MODEL, 'cutout').tool).toBe('style');
    const { tool: _none, ...old } = data;
    expect(toRemix(snapshot({ data: old as RemixJobData }), MODEL, 'style').tool).toBe('style');
  });

  it('recognises only a well-formed announcement as one, and reads progress as a fraction', () => {
    expect(outputReadyOf({ progress: 1, ready })).toEqual(ready);
    for (const p of [1, null, {}, { ready: {} }, { ready: { output: {} } }, 'x']) expect(outputReadyOf(p)).toBeUndefined();
    expect([progressOf(0.4), progressOf({ progress: 1, ready }), progressOf(undefined), progressOf(40)]).toEqual([0.4, 1, 0, 1]);
  });
});
