import { afterEach, describe, expect, it, vi } from 'vitest';
import { workImageKey } from '../../canvas/document/schema';
import { createStudio, patchEditor } from '../../canvas/ui/studio';
import { fillLookups } from './lookups';

afterEach(() => vi.unstubAllGlobals());

describe('fillLookups', () => {
  it("asks each work once, then again in the visitor's new language", async () => {
    const titles: Record<string, string> = { en: 'The Harvesters', nl: 'De korenoogst' };
    const asked: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      const lang = new URL(url, 'http://studio.test').searchParams.get('lang') ?? 'en';
      asked.push(lang);
      return new Response(JSON.stringify({ id: 'w1', title: titles[lang] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    const studio = createStudio();
    studio.doc.dispatch({ type: 'addWork', layer: { id: 'l1', kind: 'work', workId: 'w1', x: 0, y: 0, scale: 1, rotation: 0 } });
    // Its image size is known: only titles are asked.
    patchEditor(studio, () => ({ imageSizes: { [workImageKey({ workId: 'w1' })]: { width: 10, height: 10 } } }));
    await fillLookups(studio, 'en');
    await fillLookups(studio, 'en');
    expect(asked).toEqual(['en']);
    expect(studio.editor.get().works.w1?.title).toBe('The Harvesters');
    await fillLookups(studio, 'nl');
    expect(asked).toEqual(['en', 'nl']);
    expect(studio.editor.get().works.w1?.title).toBe('De korenoogst');
  });
});
