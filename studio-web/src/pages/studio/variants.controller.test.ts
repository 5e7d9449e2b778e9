import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { patchEditor } from '../../canvas/ui/studio';
import { FakeEventSource, json, MODELS, remix, studioWithWork } from './studio.test-support';
import { closeVariants, keepVariants, startVariants, VARIANT_STRENGTHS } from './variants.controller';

const catalog = { models: MODELS, recipes: [] };
const ids = ['aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'];
let sent: { params: { strength: number } }[];

beforeEach(() => {
  FakeEventSource.instances = [];
  sent = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const meta = JSON.parse((init.body as FormData).get('meta') as string);
      sent.push(meta);
      return json(202, remix({ id: ids[sent.length - 1]!, status: 'queued', progress: 0, output: undefined }));
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

async function started() {
  const studio = studioWithWork();
  patchEditor(studio, { styleWorkId: 'w1' });
  await startVariants(studio, catalog, String);
  return studio;
}

describe('variants', () => {
  it('sends the same picture once per strength and puts nothing on the canvas until one is kept', async () => {
    const studio = await started();
    expect(sent.map((m) => m.params.strength)).toEqual([...VARIANT_STRENGTHS]);
    expect(new Set(sent.map((m) => (m as unknown as { requestId: string }).requestId)).size).toBe(3);
    expect(FakeEventSource.instances).toHaveLength(3);
    expect(studio.editor.get().variants!.items.map((v) => v.status)).toEqual(['queued', 'queued', 'queued']);
    FakeEventSource.instances[0]!.emit('progress', { progress: 0.5, status: 'running' });
    expect(studio.editor.get().variants!.items[0]).toMatchObject({ status: 'running', progress: 0.5 });
    FakeEventSource.instances[0]!.emit('completed', remix({ id: ids[0]! }));
    FakeEventSource.instances[2]!.emit('completed', remix({ id: ids[2]! }));
    expect(studio.editor.get().variants!.items.map((v) => v.status)).toEqual(['completed', 'queued', 'completed']);
    expect(studio.doc.current().layers.filter((l) => l.kind === 'remix')).toHaveLength(0);

    keepVariants(studio, [ids[0]!, ids[2]!, ids[1]!]); // the unfinished one cannot be kept
    const kept = studio.doc.current().layers.filter((l) => l.kind === 'remix');
    expect(kept.map((l) => l.kind === 'remix' && l.remixId)).toEqual([ids[0], ids[2]]);
    expect(kept[0]).toMatchObject({ x: 0, y: 0, width: 1024, height: 1024, tool: 'style', subjectWorkId: 'w1' });
    expect(studio.editor.get().variants).toBeNull();
    expect(FakeEventSource.instances.every((s) => s.readyState === FakeEventSource.CLOSED)).toBe(true);
  });

  it('discards them all, and makes one set at a time', async () => {
    const studio = await started();
    await startVariants(studio, catalog, String);
    expect(sent).toHaveLength(3);
    closeVariants(studio);
    expect(studio.editor.get().variants).toBeNull();
    FakeEventSource.instances[1]!.emit('completed', remix({ id: ids[1]! })); // late: ignored
    expect(studio.editor.get().variants).toBeNull();
    expect(studio.doc.current().layers).toHaveLength(1);
  });
});
