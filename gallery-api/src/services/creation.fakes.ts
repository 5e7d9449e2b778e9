import type { z } from 'zod';
import { HttpError } from '@atelier/common/errors';
import type { CreationStatus, Decision } from '@atelier/contracts/creation.schema';
import { REMIX_EVENT_SCHEMAS, remixSchema, type Remix, type RemixStreamEvent } from '@atelier/contracts/remix.schema';
import type { CreationRecord, NewCreation, Rendition } from './creation';
import type { CreationOrder, CreationReader, ImageReader, VisitorCreation, VisitorCreationReader } from './creation.service';
import type { ModerationEventRecord, ModerationStore, ModerationTx } from './moderation.service';
import {
  PendingCapError,
  RemixContractError,
  type CreationImages,
  type CreationWriter,
  type InsertLimits,
  type PreparedImage,
  type RemixSource,
} from './publish.service';
import type { DraftRemixSource } from './draft.service';
import type { CreationIds } from './storage-sweeper';

/**
 * The in-memory fakes of the creation ports for unit tests, one per port, each held to the real part's contract:
 * creation.contract.ts (CreationRepository, ModerationRepository) and remix-source.contract.ts (HttpInferenceClient).
 */

export class FakeCreations implements CreationWriter, CreationReader, VisitorCreationReader, CreationIds {
  readonly rows = new Map<string, CreationRecord>();
  /** The moderation log (FakeModerationStore appends to it): where a rejection's reason is read. */
  readonly events: ModerationEventRecord[] = [];
  readonly ingredients = new Map<string, NewCreation['ingredients']>();
  readonly documents = new Map<string, NewCreation['document']>();
  failNextInsert: Error | null = null;
  /** Simulates a concurrent request that inserts the same requestId between our check and our insert. */
  raceWith: CreationRecord | null = null;

  async findByRequestId(requestId: string): Promise<CreationRecord | null> {
    return [...this.rows.values()].find((c) => c.requestId === requestId) ?? null;
  }
  async findById(id: string): Promise<CreationRecord | null> {
    return this.rows.get(id) ?? null;
  }
  async findByFileSha256(sha256: string): Promise<CreationRecord | null> {
    return (await this.listAll('oldest')).find((c) => c.credentials?.fileSha256 === sha256 || c.imageSha256 === sha256) ?? null;
  }
  async documentOf(id: string): Promise<NewCreation['document'] | null> {
    return structuredClone(this.documents.get(id)) ?? null;
  }
  async existingIds(ids: string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.rows.has(id)));
  }
  async listOfVisitor(visitorKey: string, limit: number, offset: number): Promise<{ items: VisitorCreation[]; total: number }> {
    const mine = (await this.listAll('newest')).filter((c) => c.visitorKey === visitorKey);
    const reasonOf = (id: string) =>
      this.events.filter((e) => e.creationId === id && e.decision === 'reject').at(-1)?.reason ?? null;
    return { items: mine.slice(offset, offset + limit).map((creation) => ({ creation, rejectionReason: reasonOf(creation.id) })), total: mine.length };
  }
  async countPendingOf(visitorKey: string): Promise<number> {
    return [...this.rows.values()].filter((c) => c.visitorKey === visitorKey && c.status === 'pending').length;
  }
  async insert(c: NewCreation, limits: InsertLimits = {}): Promise<{ inserted: boolean; creation: CreationRecord }> {
    if (this.failNextInsert) {
      const err = this.failNextInsert;
      this.failNextInsert = null;
      throw err;
    }
    if (this.raceWith) this.rows.set(this.raceWith.id, this.raceWith);
    if (c.visitorKey && limits.maxPendingPerVisitor) {
      const pending = [...this.rows.values()].filter((r) => r.visitorKey === c.visitorKey && r.status === 'pending' && r.requestId !== c.requestId);
      if (pending.length >= limits.maxPendingPerVisitor) throw new PendingCapError(limits.maxPendingPerVisitor);
    }
    const existing = await this.findByRequestId(c.requestId);
    if (existing) return { inserted: false, creation: existing };
    const { ingredients, document, ...record } = structuredClone(c);
    const creation: CreationRecord = { ...record, status: 'pending', decidedAt: null };
    this.rows.set(c.id, creation);
    this.ingredients.set(c.id, ingredients);
    this.documents.set(c.id, document);
    return { inserted: true, creation };
  }
  async listByStatus(status: CreationStatus, order: CreationOrder, limit: number, offset: number) {
    const all = (await this.listAll(order)).filter((c) => c.status === status);
    return { items: all.slice(offset, offset + limit), total: all.length };
  }
  async listSummaries(status: CreationStatus, limit: number, offset: number) {
    return this.listByStatus(status, 'newest', limit, offset);
  }
  private async listAll(order: CreationOrder): Promise<CreationRecord[]> {
    const flag = (c: CreationRecord) => (order === 'flagged-first' && c.safety?.flagged ? 0 : 1);
    return [...this.rows.values()].sort(
      (a, b) =>
        flag(a) - flag(b) || (order === 'newest' ? -1 : 1) * (a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
    );
  }
}

export class FakeModerationStore implements ModerationStore {
  constructor(
    private readonly creations: FakeCreations,
    private readonly usernames: Record<string, string> = {},
  ) {}

  /** One log, shared with the creations (as one database holds both). */
  get events(): ModerationEventRecord[] {
    return this.creations.events;
  }

  async inTransaction<T>(fn: (tx: ModerationTx) => Promise<T>): Promise<T> {
    // Staged writes applied only when fn succeeds, like a real rollback.
    const staged: { events: ModerationEventRecord[]; status: Map<string, CreationStatus> } = { events: [], status: new Map() };
    const tx: ModerationTx = {
      lockCreation: async (id) => this.creations.rows.get(id)?.status ?? null,
      appendEvent: async (e: { creationId: string; staffId: string; decision: Decision; reason: string | null }) => {
        const id = this.events.length + staged.events.length + 1;
        const event = { ...e, id, staffUsername: this.usernames[e.staffId] ?? null, createdAt: new Date() };
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

  async listEvents(creationId: string): Promise<ModerationEventRecord[]> {
    return this.events.filter((e) => e.creationId === creationId);
  }
}

/** Stands in for sharp and storage: any upload starting like a PNG is a 640×480 image. */
export class FakeImages implements CreationImages, ImageReader {
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
  async read(key: string): Promise<Buffer> {
    const bytes = this.stored.get(key);
    if (!bytes) throw Object.assign(new Error(`ENOENT: ${key}`), { code: 'ENOENT' });
    return bytes;
  }
}

type Waiter = { resolve: (remix: Remix | null) => void; reject: (err: Error) => void };

/** The visitor credential a FakeRemixSource serves remixes to unless a test names another. */
export const FAKE_VISITOR = 'visitor-credential-of-the-test';

/**
 * inference-service in memory: remixes as it would answer them (checked with the contract, as the real client
 * checks them), each to the one visitor that owns it, and each remix's event stream, whose events a test
 * announces (`announce`). Nothing polls.
 */
export class FakeRemixSource implements RemixSource, DraftRemixSource {
  private readonly remixes = new Map<string, unknown>();
  private readonly outputs = new Map<string, Buffer>();
  private readonly owners = new Map<string, string>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly subscribers = new Map<string, (() => void)[]>();
  reachable = true;

  /** `owner`: the visitor credential the remixes served without one belong to. */
  constructor(private readonly owner: string = FAKE_VISITOR) {}

  /**
   * What GET /remixes/:id answers the remix's visitor from now on (any value: an answer off the contract is a test
   * case too); everyone else is told it does not exist.
   */
  serve(remix: Remix | Record<string, unknown>, owner: string = this.owners.get(String(remix.id)) ?? this.owner): void {
    this.remixes.set(String(remix.id), structuredClone(remix));
    this.owners.set(String(remix.id), owner);
  }

  forget(id: string): void {
    this.remixes.delete(id);
  }

  /** The output image GET /remixes/:id/output.png answers the remix's visitor. */
  serveOutput(id: string, png: Buffer): void {
    this.outputs.set(id, Buffer.from(png));
  }

  async getOutput(id: string, visitor: string): Promise<Buffer | null> {
    if (!this.reachable) throw new Error('connect ECONNREFUSED');
    return this.remixes.has(id) && this.owners.get(id) === visitor ? (this.outputs.get(id) ?? null) : null;
  }

  async getRemix(id: string, visitor: string): Promise<Remix | null> {
    if (!this.reachable) throw new Error('connect ECONNREFUSED');
    const raw = this.remixes.get(id);
    return raw === undefined || this.owners.get(id) !== visitor ? null : checked(remixSchema, raw, `remix ${id}`);
  }

  async awaitScreen(id: string, visitor: string, timeoutMs: number): Promise<Remix | null> {
    // Out of reach, unknown or another visitor's: the real stream cannot open either, and nothing is announced.
    if (!this.reachable) return null;
    const current = await this.getRemix(id, visitor);
    if (!current) return null;
    // A late subscriber to a finished remix gets its end at once, as the real stream sends the current state first.
    if (!current.screening) return current.status === 'completed' || current.status === 'cancelled' ? current : null;
    return new Promise<Remix | null>((resolve, reject) => {
      const waiters = this.waiters.get(id) ?? new Set<Waiter>();
      const waiter: Waiter = {
        resolve: (remix) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(remix);
        },
        reject: (err) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          reject(err);
        },
      };
      const timer = setTimeout(() => waiter.resolve(null), timeoutMs);
      this.waiters.set(id, waiters.add(waiter));
      for (const notify of this.subscribers.get(id)?.splice(0) ?? []) notify();
    });
  }

  /** Resolves once something reads the remix's event stream. */
  subscribed(id: string): Promise<void> {
    if (this.waiters.get(id)?.size) return Promise.resolve();
    return new Promise((resolve) => this.subscribers.set(id, [...(this.subscribers.get(id) ?? []), resolve]));
  }

  /** One event on the remix's stream; a final one also becomes what GET answers. */
  announce(id: string, event: RemixStreamEvent | { event: RemixStreamEvent['event']; data: unknown }): void {
    let data: unknown;
    try {
      data = checked<unknown>(REMIX_EVENT_SCHEMAS[event.event], event.data, `event \`${event.event}\` of remix ${id}`);
    } catch (err) {
      for (const w of [...(this.waiters.get(id) ?? [])]) w.reject(err as Error);
      return;
    }
    if (event.event === 'screened' || event.event === 'cancelled' || event.event === 'completed') this.serve(data as Remix);
    const final = event.event === 'screened' || event.event === 'cancelled' ? (data as Remix) : event.event === 'failed' ? null : undefined;
    if (final !== undefined) for (const w of [...(this.waiters.get(id) ?? [])]) w.resolve(final);
  }
}

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(structuredClone(value));
  if (!result.success) throw new RemixContractError(`inference-service ${what} is off its contract`);
  return result.data;
}

/** A completed style remix as inference-service answers it (on the contract); tests override what they need. */
export function remixOf(id: string, over: Partial<Remix> = {}): Remix {
  return {
    id,
    status: 'completed',
    tool: 'style',
    progress: 1,
    model: { id: 'magenta-arbitrary-style', version: '1.0.0', files: [{ name: 'predict.onnx', sha256: 'a'.repeat(64) }] },
    params: { styleWorkId: 'cc0', strength: 0.7 },
    workIds: [],
    inputSha256: 'b'.repeat(64),
    output: { url: `/api/inference/remixes/${id}/output.png`, sha256: 'c'.repeat(64), width: 640, height: 480 },
    createdAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:05.000Z',
    ...over,
  };
}
