import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http';
import { patchEditor, type Studio } from '../../canvas/ui/studio';
import { placed, startRemix } from './remix.controller';
import { remixSourceOf, toolOptions } from './tool-options';
import { FakeEventSource, json, MODELS, remix, REMIX_ID, studioWithWork } from './studio.test-support';

const catalog = { models: MODELS, recipes: [] };
const describeErr = (err: unknown) => (err instanceof ApiError && err.status === 0 ? 'no connection' : String(err));
const flagged = { screened: true, flagged: true, scores: { output: { Porn: 0.9 } }, flagClasses: ['Porn'], threshold: 0.6 };

let answer: () => Response;
let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  answer = () => json(202, remix({ status: 'queued', progress: 0, position: 3, output: undefined }));
  fetchMock = vi.fn(async () => answer());
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

async function started(): Promise<{ studio: Studio; stream: FakeEventSource | undefined }> {
  const studio = studioWithWork();
  patchEditor(studio, { styleWorkId: 'w1' });
  await startRemix(studio, 'style', catalog, describeErr);
  return { studio, stream: FakeEventSource.last };
}

const remixLayers = (studio: Studio) => studio.doc.current().layers.filter((l) => l.kind === 'remix');

describe('one remix, one event stream', () => {
  it('keeps position, estimate and progress (a fraction) from `progress` events in the job', async () => {
    const { studio, stream } = await started();
    expect(stream?.url).toBe(`/api/inference/remixes/${REMIX_ID}/events`);
    expect(studio.editor.get().remixJob).toMatchObject({ status: 'queued', remixId: REMIX_ID, progress: 0, position: 3 });
    stream!.emit('progress', { progress: 0, status: 'queued', position: 1, estimateSeconds: 20 });
    expect(studio.editor.get().remixJob).toMatchObject({ status: 'queued', position: 1, estimateSeconds: 20 });
    stream!.emit('progress', { progress: 0.4, status: 'running', estimateSeconds: 6 });
    const job = studio.editor.get().remixJob!;
    expect(job).toMatchObject({ status: 'running', progress: 0.4, estimateSeconds: 6 });
    expect('position' in job && job.position).toBeFalsy();
  });

  it('places the result on `completed`, adds the safety report on `screened`, and never opens a second stream', async () => {
    const { studio, stream } = await started();
    stream!.emit('completed', remix({ screening: true }));
    expect(remixLayers(studio)).toHaveLength(1);
    expect(studio.editor.get()).toMatchObject({ remixJob: null, staged: { remixId: REMIX_ID } });
    // A reconnect repeats `completed`: still one layer.
    stream!.emit('completed', remix({ screening: true }));
    expect(remixLayers(studio)).toHaveLength(1);
    stream!.emit('screened', remix({ safety: flagged }));
    expect(studio.editor.get().remixes[REMIX_ID]?.safety?.flagged).toBe(true);
    expect(stream!.readyState).toBe(FakeEventSource.CLOSED);
    expect(studio.stopRemix).toBeNull();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(1); // the upload only: nothing polled
  });

  it('places a remix the answer shows finished at once, and opens no stream once it is screened too', async () => {
    answer = () => json(200, remix({ safety: { ...flagged, flagged: false } }));
    const { studio } = await started();
    expect(remixLayers(studio)).toHaveLength(1);
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('follows a finished remix whose screen still runs, for `screened` only', async () => {
    answer = () => json(200, remix({ screening: true }));
    const { studio, stream } = await started();
    expect(remixLayers(studio)).toHaveLength(1);
    stream!.emit('completed', remix({ screening: true }));
    stream!.emit('screened', remix({ safety: flagged }));
    expect(remixLayers(studio)).toHaveLength(1);
    expect(studio.editor.get().remixes[REMIX_ID]?.safety?.flagged).toBe(true);
  });

  it('says so when the remix fails or the connection is lost for good', async () => {
    const first = await started();
    first.stream!.emit('failed', { error: 'out of memory' });
    expect(first.studio.editor.get().remixJob).toMatchObject({ status: 'failed', message: 'out of memory' });

    const second = await started();
    second.stream!.drop();
    expect(second.studio.editor.get().remixJob).toMatchObject({ status: 'failed', message: 'no connection' });
    expect(remixLayers(second.studio)).toHaveLength(0);
  });

  it('runs one remix at a time', async () => {
    const { studio } = await started();
    await startRemix(studio, 'style', catalog, describeErr);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});

describe('tools act on what the visitor sees', () => {
  const styled = '22222222-2222-4222-8222-222222222222';
  async function cutOutStyledLayer(tool: 'cutout' | 'upscale' = 'cutout') {
    const studio = studioWithWork();
    // A styled remix of the work over it, selected: that picture, not the collection original, is what goes.
    studio.doc.dispatch({ type: 'addRemix', layer: { id: 'st', kind: 'remix', remixId: styled, x: 10, y: 20, width: 100, height: 80, tool: 'style', subjectWorkId: 'w1' } });
    patchEditor(studio, { selectedId: 'st' });
    const exported: string[] = [];
    studio.exportLayer = async (id) => {
      exported.push(id);
      return { png: new Blob(['styled']), rect: { x: 10, y: 20, width: 100, height: 80 } };
    };
    answer = () => json(200, remix({ tool, safety: { ...flagged, flagged: false } }));
    await startRemix(studio, tool, catalog, describeErr);
    return { studio, exported };
  }

  it('cuts out the selected styled layer and lands a named layer over it', async () => {
    const { studio, exported } = await cutOutStyledLayer();
    expect(exported).toEqual(['st']);
    const layer = remixLayers(studio).at(-1)!;
    expect(layer).toMatchObject({ x: 10, y: 20, width: 100, height: 80, tool: 'cutout', subjectWorkId: 'w1' });
    expect(studio.doc.current().width).toBe(1024);
  });

  it('places an upscale at its larger size and grows the document to hold it, in one undo step', async () => {
    const { studio } = await cutOutStyledLayer('upscale');
    expect(remixLayers(studio).at(-1)).toMatchObject({ x: 10, y: 20, width: 200, height: 160, tool: 'upscale' });
    const whole = placed({ x: 0, y: 0, width: 1024, height: 1024 }, 4, { tool: 'upscale' })(remix());
    expect(whole).toMatchObject({ width: 4096, height: 4096, grow: true });
    expect(placed({ x: 0, y: 0, width: 2048, height: 1024 }, 4, { tool: 'upscale' })(remix())).toMatchObject({ width: 4096, height: 2048 });
  });
});

describe('a style remix of only the selected layer or an area', () => {
  it('styles the whole canvas by default, even with a layer selected', async () => {
    const { studio } = await started();
    patchEditor(studio, { selectedId: 'l1' });
    expect(remixSourceOf(studio, 'style')).toEqual({ kind: 'canvas' });
    expect(remixSourceOf(studio, 'cutout')).toMatchObject({ kind: 'layer', layer: { id: 'l1' } });
    toolOptions(studio).set((o) => ({ ...o, scope: 'layer' }));
    expect(remixSourceOf(studio, 'style')).toMatchObject({ kind: 'layer' });
    toolOptions(studio).set((o) => ({ ...o, scope: 'area' }));
    expect(remixSourceOf(studio, 'style')).toEqual({ kind: 'canvas' }); // no area drawn: the canvas
  });

  it('styles only the drawn area and lands the result over it', async () => {
    const studio = studioWithWork();
    const area = { x: 100, y: 50, width: 300, height: 200 };
    const asked: unknown[] = [];
    studio.exportArea = async (a) => (asked.push(a), { png: new Blob(['area']), rect: a });
    patchEditor(studio, { styleWorkId: 'w1', area });
    expect(remixSourceOf(studio, 'style')).toEqual({ kind: 'area', area });
    expect(remixSourceOf(studio, 'cartoon')).toEqual({ kind: 'canvas' }); // it restyles the whole canvas
    answer = () => json(200, remix({ safety: { ...flagged, flagged: false } }));
    await startRemix(studio, 'style', catalog, describeErr);
    expect(asked).toEqual([area]);
    expect(remixLayers(studio).at(-1)).toMatchObject({ ...area, tool: 'style' });
  });
});

