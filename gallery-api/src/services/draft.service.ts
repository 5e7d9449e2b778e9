import { createHash, randomInt, randomUUID } from 'node:crypto';
import { HttpError, badRequest, notFound } from '@atelier/common/errors';
import type { ObjectStorage } from '@atelier/common/storage';
import { remixIdsOf } from '@atelier/contracts/canvas';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { DRAFT_CODE_ALPHABET, DRAFT_CODE_LENGTH, DRAFT_MAX_REMIXES, draftResumePath, normalizeDraftCode } from '@atelier/contracts/draft';
import type { Draft, DraftHistory, DraftSaved, DraftSaveRequest } from '@atelier/contracts/draft.schema';
import type { Remix } from '@atelier/contracts/remix.schema';
import { isUuid } from './creation';
import { RemixContractError, askInference, type RemixSource } from './publish.service';

/**
 * Drafts: a visitor's canvas kept on the server for a while (DRAFT_TTL_DAYS), opened on any device by its code
 * alone. Remix layers name remixes that inference-service shows only to the session that made them, so saving
 * copies each remix's record and output into the draft (read on the saving visitor's behalf, its sha256 checked);
 * the draft then answers those copies, and only those, to whoever holds the code. Nothing else of that session
 * becomes readable: not its other remixes, not its creations.
 */

/** A remix as copied into a draft: the record inference-service answered, and where its output is stored. */
export interface DraftRemixCopy {
  remix: Remix;
  imageKey: string;
}

export interface DraftRecord {
  id: string;
  /** A keyed hash of the code: the database never holds a code, so a leaked table opens no draft. */
  codeHash: string;
  document: CanvasDocument;
  history: DraftHistory;
  remixes: DraftRemixCopy[];
  createdAt: Date;
  expiresAt: Date;
}

/** Where drafts are kept (DraftRepository; FakeDrafts), held by draft.contract.ts. */
export interface DraftStore {
  /** false when the code hash is already taken (another code is drawn). */
  insert(draft: DraftRecord): Promise<boolean>;
  /** The draft with this code hash, unless it expired by `now`. */
  findByCodeHash(codeHash: string, now: Date): Promise<DraftRecord | null>;
  /** The draft with this id, unless it expired by `now`. */
  findById(id: string, now: Date): Promise<DraftRecord | null>;
  /** Up to `limit` drafts expired by `now`, oldest expiry first. */
  listExpired(now: Date, limit: number): Promise<Pick<DraftRecord, 'id' | 'remixes'>[]>;
  delete(ids: string[]): Promise<void>;
}

/** The part of inference-service a draft reads, on the saving visitor's behalf (their own session cookie). */
export interface DraftRemixSource extends Pick<RemixSource, 'getRemix'> {
  /** The output PNG of the visitor's completed remix; null when unknown, another visitor's, or not stored yet. */
  getOutput(id: string, visitor: string): Promise<Buffer | null>;
}

export interface DraftDeps {
  drafts: DraftStore;
  remixes: DraftRemixSource;
  storage: Pick<ObjectStorage, 'put' | 'get' | 'delete'>;
  /** The keyed hash of a code (VisitorSessions.pseudonym). */
  codeHash(code: string): string;
  /** How long a draft is kept (DRAFT_TTL_DAYS). */
  ttlMs: number;
  now?: () => Date;
  newId?: () => string;
  newCode?: () => string;
}

export interface DraftSweepResult {
  drafts: number;
  files: number;
}

export const draftRemixPath = (draftId: string, remixId: string) =>
  `/api/gallery/drafts/${encodeURIComponent(draftId)}/remixes/${encodeURIComponent(remixId)}/output.png`;

export const newDraftCode = (): string =>
  Array.from({ length: DRAFT_CODE_LENGTH }, () => DRAFT_CODE_ALPHABET[randomInt(DRAFT_CODE_ALPHABET.length)]).join('');

const NOT_FOUND = () => notFound('draft_not_found', 'No draft has this code, or it has expired.');
const SWEEP_BATCH = 100;

type Copied = DraftRemixCopy | { missing: 'unknown' | 'not_completed'; status?: string };

export class DraftService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly newCode: () => string;

  constructor(private readonly deps: DraftDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
    this.newCode = deps.newCode ?? newDraftCode;
  }

  /**
   * Keeps the canvas and its history with a copy of every remix they show. A remix the present canvas shows must be
   * the visitor's and completed; history steps that show one that cannot be copied are left out of the draft.
   */
  async save(request: DraftSaveRequest, visitor: string | null): Promise<DraftSaved> {
    const history = request.history ?? { past: [], future: [] };
    const all = [request.document, ...history.past, ...history.future];
    const remixIds = [...new Set(all.flatMap(remixIdsOf))];
    if (remixIds.length > DRAFT_MAX_REMIXES)
      throw badRequest('too_many_remixes', `A draft may show at most ${DRAFT_MAX_REMIXES} remixes.`, { max: DRAFT_MAX_REMIXES });

    const id = this.newId();
    const copies = new Map<string, DraftRemixCopy>();
    try {
      for (const remixId of remixIds) {
        const copied = await this.copyRemix(id, remixId, visitor);
        if ('remix' in copied) copies.set(remixId, copied);
        else if (remixIdsOf(request.document).includes(remixId)) throw refusal(remixId, copied);
      }
      const shows = (d: CanvasDocument) => remixIdsOf(d).every((r) => copies.has(r));
      const createdAt = this.now();
      const draft: Omit<DraftRecord, 'codeHash'> = {
        id,
        document: request.document,
        history: { past: history.past.filter(shows), future: history.future.filter(shows) },
        remixes: [...copies.values()],
        createdAt,
        expiresAt: new Date(createdAt.getTime() + this.deps.ttlMs),
      };
      // Two drafts drawing the same code is rare (31^8 codes) but possible: draw again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = this.newCode();
        if (await this.deps.drafts.insert({ ...draft, codeHash: this.deps.codeHash(code) }))
          return { code, resumePath: draftResumePath(code), expiresAt: draft.expiresAt.toISOString() };
      }
      throw new Error('could not draw an unused draft code');
    } catch (err) {
      await this.removeFiles([...copies.values()].map((c) => c.imageKey));
      throw err;
    }
  }

  /** The draft a code opens, its remixes pointing at the draft's own copies; 404 for any other code. */
  async open(code: string): Promise<Draft> {
    const draft = await this.byCode(code);
    if (!draft) throw NOT_FOUND();
    return {
      document: draft.document,
      history: draft.history,
      remixes: draft.remixes.map(({ remix }) => ({ ...remix, output: { ...remix.output!, url: draftRemixPath(draft.id, remix.id) } })),
      createdAt: draft.createdAt.toISOString(),
      expiresAt: draft.expiresAt.toISOString(),
    };
  }

  /**
   * The remix records a draft copied, as inference-service answered them to the session that saved it (none for a
   * code that opens nothing): publishing from another device credits them from here.
   */
  async remixesOf(code: string): Promise<Remix[]> {
    const draft = await this.byCode(code);
    return draft ? draft.remixes.map((c) => c.remix) : [];
  }

  /** The output a draft copied of one of its remixes, by the draft's code (publishing draws the canvas with it); null when none. */
  async remixOutputOf(code: string, remixId: string): Promise<Buffer | null> {
    const draft = await this.byCode(code);
    const copy = draft?.remixes.find((c) => c.remix.id === remixId);
    return copy ? this.deps.storage.get(copy.imageKey).catch(() => null) : null;
  }

  /** The live draft a code opens (any spelling the visitor typed), or null. */
  private async byCode(code: string): Promise<DraftRecord | null> {
    const normal = normalizeDraftCode(code);
    return normal ? this.deps.drafts.findByCodeHash(this.deps.codeHash(normal), this.now()) : null;
  }

  /** The copy of a remix the draft shows (the draft's id is told only to whoever opened it with its code). */
  async remixOutput(draftId: string, remixId: string): Promise<{ bytes: Buffer; expiresAt: Date }> {
    const draft = isUuid(draftId) ? await this.deps.drafts.findById(draftId, this.now()) : null;
    const copy = draft?.remixes.find((c) => c.remix.id === remixId);
    if (!draft || !copy) throw notFound('draft_remix_not_found', 'This draft shows no such remix.');
    try {
      return { bytes: await this.deps.storage.get(copy.imageKey), expiresAt: draft.expiresAt };
    } catch {
      throw notFound('draft_remix_not_found', 'This draft shows no such remix.');
    }
  }

  /** Deletes expired drafts with their files: the files first, so a crash between the two leaves a row to retry. */
  async sweep(): Promise<DraftSweepResult> {
    const result: DraftSweepResult = { drafts: 0, files: 0 };
    for (;;) {
      const expired = await this.deps.drafts.listExpired(this.now(), SWEEP_BATCH);
      if (expired.length === 0) return result;
      const keys = expired.flatMap((d) => d.remixes.map((c) => c.imageKey));
      result.files += await this.removeFiles(keys);
      await this.deps.drafts.delete(expired.map((d) => d.id));
      result.drafts += expired.length;
      if (expired.length < SWEEP_BATCH) return result;
    }
  }

  private async copyRemix(draftId: string, remixId: string, visitor: string | null): Promise<Copied> {
    // Without a session there is no remix to read: every remix belongs to the session that made it.
    if (!visitor) return { missing: 'unknown' };
    const remix = await askInference(() => this.deps.remixes.getRemix(remixId, visitor));
    if (!remix) return { missing: 'unknown' };
    if (remix.status !== 'completed' || !remix.output) return { missing: 'not_completed', status: remix.status };
    const bytes = await askInference(async () => {
      const output = await this.deps.remixes.getOutput(remixId, visitor);
      if (output && sha256(output) !== remix.output!.sha256) throw new RemixContractError(`remix ${remixId}'s output does not match its sha256`);
      return output;
    });
    if (!bytes) return { missing: 'not_completed', status: remix.status };
    // Flat keys: no folder per draft is left behind when its files go.
    const imageKey = `drafts/${draftId}.${remixId}.png`;
    await this.deps.storage.put(imageKey, bytes);
    return { remix, imageKey };
  }

  private async removeFiles(keys: string[]): Promise<number> {
    let removed = 0;
    for (const key of keys) {
      try {
        await this.deps.storage.delete(key);
        removed++;
      } catch {
        // Already gone: nothing to remove.
      }
    }
    return removed;
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function refusal(remixId: string, copied: Exclude<Copied, DraftRemixCopy>): HttpError {
  if (copied.missing === 'unknown') return badRequest('unknown_remix', `Unknown remix: ${remixId}.`, { remixId });
  return new HttpError(409, 'remix_not_completed', `Remix ${remixId} is not finished yet; keep or discard it first.`, {
    remixId,
    status: copied.status,
  });
}
