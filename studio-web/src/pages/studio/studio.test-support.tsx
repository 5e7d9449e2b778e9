import type { ModelListing } from '@atelier/contracts/model.schema';
import type { RecipeListing, Remix } from '@atelier/contracts/remix.schema';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createStudio, StudioContext, type Studio } from '../../canvas/ui/studio';
import { I18nProvider, type Lang } from '../../i18n';

/** Fixtures and fakes for the studio's tests (never imported by the studio itself). */

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const licence = (spdx: string | null, flags: ModelListing['licence']['flags'] = []) => ({ spdx, uri: spdx ? 'https://example.org/licence' : null, flags });

/** GET /models as the manifests in models/manifests answer it (file-name order), the safety model included. */
export const MODELS: ModelListing[] = [
  { id: 'fast-neural-style-nc16', version: '1', task: 'style-transfer', title: 'Fast neural style', tool: 'fixed-style', licence: licence(null, ['licence_not_stated']), defaults: { style: 'mosaic' }, enabled: false, disabledReason: 'operator' },
  { id: 'isnet-imgly-medium', version: '1', task: 'background-removal', title: 'ISNet', tool: 'cutout', licence: licence('AGPL-3.0-only'), defaults: {}, enabled: true },
  { id: 'magenta-arbitrary-style', version: '1', task: 'arbitrary-style-transfer', title: 'Magenta', tool: 'style', licence: licence('Apache-2.0'), defaults: { strength: 0.8 }, enabled: true },
  { id: 'nsfwjs-mobilenet-v2', version: '1', task: 'image-classification', title: 'NSFWJS', licence: licence('MIT'), defaults: { flagClasses: ['Porn', 'Hentai'], threshold: 0.6 }, enabled: true },
  { id: 'realesr-animevideov3-x4', version: '1', task: 'upscale', title: 'Real-ESRGAN', label: { en: 'Drawing', nl: 'Tekening' }, tool: 'upscale', licence: licence('BSD-3-Clause'), defaults: { scale: 4 }, enabled: true },
  { id: 'upscalerjs-esrgan-slim', version: '1', task: 'upscale', title: 'ESRGAN slim', label: { en: 'Photo', nl: 'Foto' }, tool: 'upscale', licence: licence('MIT'), defaults: { scale: 2 }, enabled: true },
  { id: 'whitebox-cartoonizer', version: '1', task: 'image-to-image', title: 'Cartoon', tool: 'cartoon', licence: licence('CC-BY-NC-SA-4.0', ['non_commercial']), defaults: {}, enabled: false, disabledReason: 'operator' },
];

export const RECIPES: RecipeListing[] = [
  {
    id: 'great-wave',
    model: 'magenta-arbitrary-style',
    title: { nl: 'De Grote Golf', en: 'The Great Wave' },
    lookFor: { nl: 'Kijk naar het schuim.', en: 'Look at the foam.' },
    params: { styleWorkId: 'wave', strength: 0.6 },
    precomputed: true,
  },
];

export const REMIX_ID = '11111111-1111-4111-8111-111111111111';

export const remix = (patch: Partial<Remix> = {}): Remix => ({
  id: REMIX_ID,
  status: 'completed',
  tool: 'style',
  progress: 1,
  model: { id: 'magenta-arbitrary-style', version: '1', files: [] },
  params: { styleWorkId: 'w1', strength: 0.8 },
  workIds: ['w1'],
  inputSha256: 'a'.repeat(64),
  createdAt: '2026-11-24T10:00:00Z',
  output: { url: `/api/inference/remixes/${REMIX_ID}/output.png`, sha256: 'b'.repeat(64), width: 64, height: 48 },
  ...patch,
});

/** A stand-in for the browser's EventSource: the test emits the server's named events by hand. */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  static get last(): FakeEventSource | undefined {
    return FakeEventSource.instances.at(-1);
  }
  readonly listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  readyState = FakeEventSource.OPEN;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
  }
  emit(name: string, data: unknown) {
    for (const fn of this.listeners.get(name) ?? []) fn(new MessageEvent(name, { data: JSON.stringify(data) }));
  }
  /** The transport gave up (EventSource closes itself and fires `error`). */
  drop() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

/** A studio with one whole work on the canvas and a flatten that needs no Konva. */
export function studioWithWork(): Studio {
  const studio = createStudio();
  studio.doc.dispatch({ type: 'addWork', layer: { id: 'l1', kind: 'work', workId: 'w1', x: 10, y: 20, scale: 0.5, rotation: 0 } });
  studio.flatten = async () => new Blob(['png'], { type: 'image/png' });
  return studio;
}

export const renderInStudio = (studio: Studio, ui: ReactNode, lang: Lang = 'en') =>
  render(
    <I18nProvider lang={lang}>
      <StudioContext.Provider value={studio}>{ui}</StudioContext.Provider>
    </I18nProvider>,
  );

/** The `meta` of the remix upload, or null before one was sent. */
export function sentMeta(fetchMock: { mock: { calls: unknown[][] } }) {
  const call = fetchMock.mock.calls.find((c) => String(c[0]).endsWith('/remixes')) as [string, RequestInit] | undefined;
  return call ? JSON.parse((call[1].body as FormData).get('meta') as string) : null;
}
