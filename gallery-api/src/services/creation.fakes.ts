import { HttpError } from '@atelier/common/errors';
import type { LicenceFamily } from '@atelier/contracts/licences';
import type { InferenceClient, RemixRecord } from '../repositories/inference.client';
import type { CollectionWork, CollectionWorkLookup } from './collection-work';
import type { CreationRecord, CreationStatus, NewCreation, Rendition } from './creation';
import type { CreationOrder, CreationReader } from './creation.service';
import type { Decision, ModerationEvent, ModerationStore, ModerationTx } from './moderation.service';
import type { CreationImages, CreationWriter, PreparedImage } from './publish.service';

/** In-memory stand-ins for the creation repositories, with the same contracts, for unit tests. */

const URIS: Record<LicenceFamily, string> = {
  cc0: 'https://creativecommons.org/publicdomain/zero/1.0/',
  pdm: 'https://creativecommons.org/publicdomain/mark/1.0/',
  by: 'https://creativecommons.org/licenses/by/4.0/',
  'by-sa': 'https://creativecommons.org/licenses/by-sa/4.0/',
};
const LABELS: Record<LicenceFamily, string> = { cc0: 'CC0 1.0', pdm: 'Public Domain Mark 1.0', by: 'CC BY 4.0', 'by-sa': 'CC BY-SA 4.0' };

export function workOf(id: string, family: LicenceFamily | 'refused', extra: Partial<CollectionWork> = {}): CollectionWork {
  const refused = family === 'refused';
  return {
    id,
    source: 'test',
    sourceId: id,
    title: `Work ${id}`,
    creator: 'Judith Leyster',
    creatorLife: null,
    dateDisplay: '1633',
    dateStart: 1633,
    dateEnd: 1633,
    medium: null,
    description: null,
    institution: 'Frans Hals Museum',
    landingUrl: `https://museum.example/${id}`,
    rightsStatement: null,
    licenceStatus: refused ? 'refused' : 'accepted',
    licenceUri: refused ? null : URIS[family],
    licenceFamily: refused ? null : family,
    licenceLabel: refused ? null : LABELS[family],
    refusalReason: refused ? 'In copyright.' : null,
    credit: null,
    width: 100,
    height: 100,
    iiifService: null,
    imageUrl: null,
    imageSha256: 'f'.repeat(64),
    imageKeys: {},
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...extra,
  };
}

export class FakeWorks implements CollectionWorkLookup {
  constructor(readonly works: CollectionWork[]) {}
  async findByIds(ids: string[]): Promise<CollectionWork[]> {
    return this.works.filter((w) => ids.includes(w.id));
  }
}

export class FakeRemixes implements Pick<InferenceClient, 'getRemix'> {
  readonly remixes = new Map<string, RemixRecord>();
  reachable = true;
  async getRemix(id: string): Promise<RemixRecord | null> {
    if (!this.reachable) throw new Error('ECONNREFUSED');
    return this.remixes.get(id) ?? null;
  }
}

export class FakeImages implements CreationImages {
  readonly stored = new Map<string, Buffer>();
  async prepare(upload: Uint8Array): Promise<PreparedImage> {
    if (upload.length === 0 || upload[0] !== 0x89) throw new HttpError(415, 'unsupported_media_type', 'not a PNG');
    const png = Buffer.from(upload);
    return { png, width: 640, height: 480, sha256: 'e'.repeat(64), working: png, thumb: png };
  }
  async save(id: string, image: PreparedImage): Promise<Record<Rendition, string>> {
    const keys = { full: `creations/${id}/full.png`, working: `creations/${id}/working.webp`, thumb: `creations/${id}/thumb.webp` };
    this.stored.set(keys.full, image.png).set(keys.working, image.working).set(keys.thumb, image.thumb);
    return keys;
  }
  async remove(keys: string[]): Promise<void> {
    for (const k of keys) this.stored.delete(k);
  }
}

export class FakeCreations implements CreationWriter, CreationReader {
  readonly rows = new Map<string, CreationRecord>();
  readonly ingredients = new Map<string, NewCreation['ingredients']>();
  failNextInsert: Error | null = null;
  /** Simulates a concurrent request that inserts the same requestId between our check and our insert. */
  raceWith: CreationRecord | null = null;

  async findByRequestId(requestId: string): Promise<CreationRecord | null> {
    return [...this.rows.values()].find((c) => c.requestId === requestId) ?? null;
  }
  async findById(id: string): Promise<CreationRecord | null> {
    return this.rows.get(id) ?? null;
  }
  async insert(c: NewCreation): Promise<{ inserted: boolean; creation: CreationRecord }> {
    if (this.failNextInsert) {
      const err = this.failNextInsert;
      this.failNextInsert = null;
      throw err;
    }
    if (this.raceWith) this.rows.set(this.raceWith.id, this.raceWith);
    const existing = await this.findByRequestId(c.requestId);
    if (existing) return { inserted: false, creation: existing };
    const { ingredients, ...record } = c;
    const creation: CreationRecord = { ...record, status: 'pending', decidedAt: null };
    this.rows.set(c.id, creation);
    this.ingredients.set(c.id, ingredients);
    return { inserted: true, creation };
  }
  async listByStatus(status: CreationStatus, order: CreationOrder, limit: number, offset: number) {
    const flag = (c: CreationRecord) => (order === 'flagged-first' && c.safety?.flagged ? 0 : 1);
    const all = [...this.rows.values()]
      .filter((c) => c.status === status)
      .sort((a, b) => flag(a) - flag(b) || (order === 'newest' ? -1 : 1) * (a.createdAt.getTime() - b.createdAt.getTime()));
    return { items: all.slice(offset, offset + limit), total: all.length };
  }
}

export class FakeModerationStore implements ModerationStore {
  readonly events: ModerationEvent[] = [];
  constructor(private readonly creations: FakeCreations) {}

  async inTransaction<T>(fn: (tx: ModerationTx) => Promise<T>): Promise<T> {
    // Staged writes applied only when fn succeeds, like a real rollback.
    const staged: { events: ModerationEvent[]; status: Map<string, CreationStatus> } = { events: [], status: new Map() };
    const tx: ModerationTx = {
      lockCreation: async (id) => this.creations.rows.get(id)?.status ?? null,
      appendEvent: async (e: { creationId: string; staffId: string; decision: Decision; reason: string | null }) => {
        const event = { ...e, id: this.events.length + staged.events.length + 1, staffUsername: 'mod', createdAt: new Date() };
        staged.events.push(event);
        return event;
      },
      setStatus: async (id, status) => void staged.status.set(id, status),
    };
    const result = await fn(tx);
    this.events.push(...staged.events);
    for (const [id, status] of staged.status) {
      const c = this.creations.rows.get(id)!;
      this.creations.rows.set(id, { ...c, status, decidedAt: new Date() });
    }
    return result;
  }

  async listEvents(creationId: string): Promise<ModerationEvent[]> {
    return this.events.filter((e) => e.creationId === creationId);
  }
}
