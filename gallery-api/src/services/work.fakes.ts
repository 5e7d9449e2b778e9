import type { ObjectStorage, StoredObject } from '@atelier/common/storage';
import type { RenderedWorkImages, WorkImageRenderer, WorkRecord, WorkStore } from './collection-import.service';
import type { CollectionWork } from './collection-work';
import type { WorkPage, WorkReader } from './work.service';
import type { WorkFacets, WorkSearch } from './work-search';
import { isVisible } from './work.service';

/** In-memory collection for unit tests: the same contracts as WorkRepository, no SQL. */
export class FakeWorkStore implements WorkStore, WorkReader {
  readonly rows = new Map<string, CollectionWork>();
  upserts = 0;

  async findBySource(source: string, sourceId: string): Promise<CollectionWork | null> {
    return [...this.rows.values()].find((w) => w.source === source && w.sourceId === sourceId) ?? null;
  }
  async upsert(record: WorkRecord): Promise<void> {
    this.upserts++;
    const existing = await this.findBySource(record.source, record.sourceId);
    const now = new Date();
    const id = existing?.id ?? record.id;
    this.rows.set(id, { ...record, id, createdAt: existing?.createdAt ?? now, updatedAt: now });
  }
  async findById(id: string): Promise<CollectionWork | null> {
    return this.rows.get(id) ?? null;
  }
  async findByIds(ids: string[]): Promise<CollectionWork[]> {
    return ids.flatMap((id) => this.rows.get(id) ?? []);
  }
  facetCalls = 0;
  /** Words are ignored (full text is Postgres' job, tested against it); filters are honoured. */
  async listVisible(s: WorkSearch): Promise<WorkPage> {
    const visible = [...this.rows.values()]
      .filter(isVisible)
      .filter((w) => !s.institutions?.length || s.institutions.includes(w.institution ?? ''))
      .filter((w) => !s.families?.length || s.families.includes(w.licenceFamily))
      .filter((w) => s.iiif === undefined || (w.iiifService !== null) === s.iiif)
      .sort((a, b) => a.title.localeCompare(b.title));
    return { works: visible.slice(s.offset, s.offset + s.limit), total: visible.length };
  }
  async facets(): Promise<WorkFacets> {
    this.facetCalls++;
    const visible = [...this.rows.values()].filter(isVisible);
    return { institutions: [], licences: [], dates: { min: null, max: null }, iiif: visible.filter((w) => w.iiifService).length, total: visible.length };
  }
}

export class FakeStorage implements ObjectStorage {
  readonly objects = new Map<string, Buffer>();
  /** When each key was last put (a key set on `objects` directly counts as written now). */
  readonly modifiedAt = new Map<string, Date>();
  async put(key: string, data: Uint8Array): Promise<void> {
    this.objects.set(key, Buffer.from(data));
    this.modifiedAt.set(key, new Date());
  }
  async get(key: string): Promise<Buffer> {
    const data = this.objects.get(key);
    if (!data) throw Object.assign(new Error(`ENOENT: ${key}`), { code: 'ENOENT' });
    return data;
  }
  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }
  async delete(key: string): Promise<void> {
    this.objects.delete(key);
    this.modifiedAt.delete(key);
  }
  async *list(prefix: string): AsyncGenerator<StoredObject> {
    for (const [key, data] of [...this.objects]) {
      if (key.startsWith(prefix)) yield { key, size: data.length, modifiedAt: this.modifiedAt.get(key) ?? new Date() };
    }
  }
}

/** Pretends every original is a 2000×1000 JPEG; counts renders so tests can see when re-encoding is skipped. */
export class FakeRenderer implements WorkImageRenderer {
  renders = 0;
  async render(original: Uint8Array): Promise<RenderedWorkImages> {
    this.renders++;
    return {
      originalExt: 'jpg',
      width: 2000,
      height: 1000,
      working: Buffer.from(`working:${original.length}`),
      thumb: Buffer.from(`thumb:${original.length}`),
    };
  }
}
