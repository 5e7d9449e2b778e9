import { evaluateLicence, type LicenceFamily } from '@atelier/contracts/licences';
import type { WorkFacets } from '@atelier/contracts/work.schema';
import type { RenderedWorkImages, WorkImageRenderer, WorkRecord, WorkStore } from './collection-import.service';
import { isVisible, type CollectionWork } from './collection-work';
import type { WorkPage, WorkReader } from './work.service';
import type { WorkQuery } from './work-search';

/**
 * The in-memory collection for unit tests: the one fake of WorkRepository's ports (WorkStore, WorkReader,
 * CollectionWorkLookup), held to the same contract by work.contract.ts. Storage is common's MemoryStorage.
 */
export class FakeWorkStore implements WorkStore, WorkReader {
  readonly rows = new Map<string, CollectionWork>();
  upserts = 0;
  facetCalls = 0;

  constructor(works: CollectionWork[] = []) {
    for (const w of works) this.rows.set(w.id, w);
  }

  async findBySource(source: string, sourceId: string): Promise<CollectionWork | null> {
    return [...this.rows.values()].find((w) => w.source === source && w.sourceId === sourceId) ?? null;
  }
  async upsert(record: WorkRecord): Promise<void> {
    this.upserts++;
    const existing = await this.findBySource(record.source, record.sourceId);
    const now = new Date();
    const id = existing?.id ?? record.id;
    this.rows.set(id, structuredClone({ ...record, id, createdAt: existing?.createdAt ?? now, updatedAt: now }));
  }
  async findById(id: string): Promise<CollectionWork | null> {
    return this.rows.get(id) ?? null;
  }
  async findByIds(ids: string[]): Promise<CollectionWork[]> {
    return [...new Set(ids)].flatMap((id) => this.rows.get(id) ?? []);
  }
  /** Words are ignored (full text is Postgres' job, tested against it); filters, order and paging are honoured. */
  async listVisible(s: WorkQuery): Promise<WorkPage> {
    const visible = this.visible()
      .filter((w) => !s.institutions?.length || s.institutions.includes(w.institution ?? ''))
      .filter((w) => !s.families?.length || s.families.includes(w.licenceFamily))
      .filter((w) => s.from === undefined || (w.dateEnd ?? w.dateStart ?? -Infinity) >= s.from)
      .filter((w) => s.to === undefined || (w.dateStart ?? w.dateEnd ?? Infinity) <= s.to)
      .filter((w) => s.iiif === undefined || (w.iiifService !== null) === s.iiif)
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
    return { works: visible.slice(s.offset, s.offset + s.limit), total: visible.length, totalIsLowerBound: false };
  }
  async facets(): Promise<WorkFacets> {
    this.facetCalls++;
    const visible = this.visible();
    const counted = <K extends string>(keys: K[]) =>
      [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>())].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    const starts = visible.flatMap((w) => (w.dateStart === null ? [] : [w.dateStart]));
    const ends = visible.flatMap((w) => (w.dateEnd ?? w.dateStart) ?? []);
    return {
      institutions: counted(visible.flatMap((w) => w.institution ?? []))
        .slice(0, 50)
        .map(([value, count]) => ({ value, count })),
      licences: counted(visible.map((w) => w.licenceFamily)).map(([family, count]) => ({ family, count })),
      dates: { min: starts.length ? Math.min(...starts) : null, max: ends.length ? Math.max(...ends) : null },
      iiif: visible.filter((w) => w.iiifService !== null).length,
      total: visible.length,
    };
  }

  private visible() {
    return [...this.rows.values()].filter(isVisible);
  }
}

/** Pretends every original is a 2000×1000 image; counts renders so tests can see when re-encoding is skipped. */
export class FakeRenderer implements WorkImageRenderer {
  renders = 0;
  async render(original: Uint8Array): Promise<RenderedWorkImages> {
    this.renders++;
    return {
      master: Buffer.from(`master:${original.length}`),
      masterExt: 'png',
      width: 2000,
      height: 1000,
      working: Buffer.from(`working:${original.length}`),
      thumb: Buffer.from(`thumb:${original.length}`),
    };
  }
}

const LICENCE_OF: Record<LicenceFamily, string> = {
  cc0: 'https://creativecommons.org/publicdomain/zero/1.0/',
  pdm: 'https://creativecommons.org/publicdomain/mark/1.0/',
  by: 'https://creativecommons.org/licenses/by/4.0/',
  'by-sa': 'https://creativecommons.org/licenses/by-sa/4.0/',
};

/** A stored work for tests: accepted under a family (its canonical licence, as an import stores it) or refused. */
export function workOf(id: string, family: LicenceFamily | 'refused', extra: Partial<CollectionWork> = {}): CollectionWork {
  const verdict = family === 'refused' ? null : evaluateLicence(LICENCE_OF[family]);
  const licence = verdict?.accepted ? verdict.licence : null;
  return {
    id,
    source: 'test',
    sourceId: id,
    title: `Work ${id}`,
    titles: {},
    creator: 'Judith Leyster',
    creatorRole: null,
    creatorLife: null,
    dateDisplay: '1633',
    dateStart: 1633,
    dateEnd: 1633,
    medium: null,
    description: null,
    descriptions: {},
    institution: 'Frans Hals Museum',
    landingUrl: `https://museum.example/${id}`,
    rightsStatement: null,
    attribution: null,
    licenceStatus: licence ? 'accepted' : 'refused',
    licenceUri: licence?.uri ?? null,
    licenceFamily: licence?.family ?? null,
    licenceLabel: licence?.label ?? null,
    refusalReason: licence ? null : 'In copyright.',
    width: 100,
    height: 100,
    iiifService: null,
    iiifRegion: null,
    iiifManifest: null,
    imageUrl: null,
    imageSha256: licence ? 'f'.repeat(64) : null,
    imageKeys: {},
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...extra,
  };
}
