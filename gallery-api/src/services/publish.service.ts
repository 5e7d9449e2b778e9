import { randomUUID } from 'node:crypto';
import { HttpError, TooManyRequestsError, badRequest } from '@atelier/common/errors';
import type { VisitorSession } from '@atelier/common/visitor-session';
import { remixIdsOf, strokeCountOf, workIdsOf } from '@atelier/contracts/canvas';
import type { CanvasDocument, WorkRegion } from '@atelier/contracts/canvas.schema';
import { MAX_REMIXES, type Ingredient, type IngredientRole, type PublishPreview, type PublishRequest } from '@atelier/contracts/creation.schema';
import { workCredit } from '@atelier/contracts/credit';
import { textIn, type Lang } from '@atelier/contracts/lang';
import { OUTPUT_LICENCES, allowedOutputLicences, suggestedOutputLicence, type LicenceFamily } from '@atelier/contracts/licences';
import type { Remix } from '@atelier/contracts/remix.schema';
import type { Pseudonym } from '@atelier/contracts/workshop.schema';
import { creationWorkUses } from '@atelier/contracts/tools';
import { creditWorkOf, type CollectionWork, type CollectionWorkLookup } from './collection-work';
import type { CreationRecord, NewCreation, Rendition } from './creation';
import { creationSafetyOf } from './creation-safety';
import { buildC2paManifest } from './c2pa-manifest';
import type { ContentCredentials } from './content-credentials';
import type { BindingRequest, BindingResult, BindingScore, PlacedWorkImage } from './image-binding';
import { buildProvenance, type RemixUse } from './provenance';

/** A cleaned upload with its renditions, held in memory until every check has passed. */
export interface PreparedImage {
  png: Buffer;
  width: number;
  height: number;
  sha256: string;
  working: Buffer;
  thumb: Buffer;
}

export interface CreationImages {
  /** Validates and cleans an untrusted upload; throws a 4xx HttpError for anything that is not a sound image. */
  prepare(upload: Uint8Array): Promise<PreparedImage>;
  save(creationId: string, image: PreparedImage): Promise<Record<Rendition, string>>;
  remove(keys: string[]): Promise<void>;
}

export interface InsertLimits {
  /** Pending creations one visitor session may have; 0 or unset: no cap. */
  maxPendingPerVisitor?: number;
}

/** The visitor already has `max` creations waiting for moderation (the insert counts them atomically). */
export class PendingCapError extends Error {
  constructor(readonly max: number) {
    super(`the visitor already has ${max} pending creations`);
    this.name = 'PendingCapError';
  }
}

export interface CreationWriter {
  findByRequestId(requestId: string): Promise<CreationRecord | null>;
  /** Pending creations published under a visitor key. */
  countPendingOf(visitorKey: string): Promise<number>;
  /**
   * Inserts creation + ingredients in one transaction; `inserted: false` when the requestId already exists.
   * Throws PendingCapError when the creation's visitor already has `maxPendingPerVisitor` pending ones, counted
   * in the same transaction, one publish of that visitor at a time.
   */
  insert(creation: NewCreation, limits?: InsertLimits): Promise<{ inserted: boolean; creation: CreationRecord }>;
}

/** inference-service answered something its contract does not allow: a fault on its side, never trusted. */
export class RemixContractError extends Error {
  override name = 'RemixContractError';
}

/**
 * The part of inference-service publishing reads: a remix, and its one event stream, always on the publishing
 * visitor's behalf: `visitor` is their own credential (the signed session cookie value), so inference-service
 * answers only their remixes. There is no key that reads anyone's.
 */
export interface RemixSource {
  /**
   * The remix (any status), or null when inference-service does not know it or it is another visitor's. Throws
   * `RemixContractError` for an answer off the contract, another error when the service cannot be reached.
   */
  getRemix(id: string, visitor: string): Promise<Remix | null>;
  /**
   * Reads the remix's event stream until its safety screen is done (`screened`) or it ends (`failed`,
   * `cancelled`), for at most `timeoutMs`: the remix as the stream last announced it, or null when nothing final
   * came (the screen still running, the stream lost). Throws `RemixContractError` for an event off the contract.
   */
  awaitScreen(id: string, visitor: string, timeoutMs: number): Promise<Remix | null>;
}

/** Who publishes: the visitor session of the request (common's VisitorSession). */
export type PublishingVisitor = Pick<VisitorSession, 'id' | 'token'>;

/** The remixes a draft copied when it was saved (DraftService), by its code. */
export interface DraftRemixes {
  remixesOf(code: string): Promise<Remix[]>;
}

export interface PublishDeps {
  works: CollectionWorkLookup;
  inference: RemixSource;
  /**
   * A canvas opened from a draft shows remixes made in the session that saved it, which inference-service answers to
   * no other: those are read from the draft's copies (records it read on that session's behalf), by the draft's code.
   */
  drafts?: DraftRemixes;
  images: CreationImages;
  /**
   * Binds the upload to the document (image-binding.ts `ImageBinding`): the server draws the canvas itself and
   * refuses a picture that differs beyond the tolerance (422 `image_mismatch`), a canvas it cannot draw (422
   * `canvas_unrenderable`) and credits no drawn layer shows (422 `work_not_shown`), so provenance credits what it shows.
   */
  binding: { check(req: BindingRequest): Promise<BindingResult> };
  creations: CreationWriter;
  studioName: string;
  /** Signs the full PNG with a C2PA manifest built from the provenance record (or leaves it unsigned, saying so). */
  credentials: ContentCredentials;
  /** The creation's public page, named in its manifest. */
  creationUrl(id: string): string;
  /** The keyed hash a creation keeps of its visitor session (VisitorSessions.pseudonym), never the id itself. */
  visitorKey(sessionId: string): string;
  /**
   * The maker's pseudonym of a visitor session (maker-pseudonym.ts `makerPseudonyms`), stored with each creation. None:
   * creations carry no pseudonym (tests about other things).
   */
  makerOf?(sessionId: string): Pseudonym;
  /** Pending creations one visitor session may have (0: no cap). */
  maxPendingPerVisitor?: number;
  /**
   * How long publishing waits for a remix's safety screen, which runs right after the visitor got the output
   * (normally well under a second), so the scores reach moderation. Default 15 s.
   */
  screenWaitMs?: number;
  now?: () => Date;
  newId?: () => string;
}

export interface PublishResult {
  created: boolean;
  creation: CreationRecord;
  /** How far the upload was from the server's render of its document (absent when an earlier request's creation is answered). */
  binding?: BindingScore;
}

interface Use {
  work: CollectionWork;
  role: IngredientRole;
}

export const SCREEN_WAIT_MS = 15_000;
/** What a visitor at the pending cap is told to wait: moderation takes minutes, not seconds. */
const PENDING_CAP_RETRY_S = 600;

export class PublishService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: PublishDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  /** What the visitor may choose before publishing: allowed licences for these works and their credits. */
  async preview(workIds: string[], lang: Lang): Promise<PublishPreview> {
    const works = await this.resolveWorks([...new Set(workIds)]);
    const families = works.map(familyOf);
    return {
      allowed: allowedOutputLicences(families),
      suggested: suggestedOutputLicence(families),
      ingredients: works.map((w) => ({
        workId: w.id,
        title: textIn(w.titles, lang, w.title),
        creator: w.creator,
        licence: { family: familyOf(w), uri: w.licenceUri ?? '', label: w.licenceLabel ?? '' },
        credit: workCredit(creditWorkOf(w), lang),
      })),
    };
  }

  /**
   * Checks everything (remixes, works, licence, image) before writing anything, then stores the images and
   * inserts creation, ingredients and provenance in one transaction. A repeated requestId answers the first result.
   */
  async publish(request: PublishRequest, upload: Uint8Array, visitor: PublishingVisitor): Promise<PublishResult> {
    const visitorKey = this.deps.visitorKey(visitor.id);
    const existing = await this.deps.creations.findByRequestId(request.requestId);
    if (existing) {
      // Another visitor's requestId: their pending creation is not ours to see.
      if (existing.visitorKey !== visitorKey) throw new HttpError(409, 'request_id_taken', 'This requestId is already used; send a new one.');
      return { created: false, creation: existing };
    }
    const cap = this.deps.maxPendingPerVisitor ?? 0;
    if (cap > 0 && (await this.deps.creations.countPendingOf(visitorKey)) >= cap) throw pendingCap(cap);

    const remixIds = [...new Set([...request.remixIds, ...remixIdsOf(request.document)])];
    if (remixIds.length > MAX_REMIXES) throw badRequest('too_many_remixes', `A creation may use at most ${MAX_REMIXES} remixes.`);
    const copied = request.draftCode && this.deps.drafts ? await this.deps.drafts.remixesOf(request.draftCode) : [];
    const remixes = await Promise.all(remixIds.map((id) => this.fetchRemix(id, visitor.token, copied)));

    // The works on the canvas, on the canvas each remix was made from, and those its parameters name.
    const named = creationWorkUses(request.document, remixes);
    const works = new Map((await this.resolveWorks([...new Set([...named.composed, ...named.style])])).map((w) => [w.id, w]));
    const uses: Use[] = [
      ...named.composed.map((id) => ({ work: works.get(id)!, role: 'composed' as const })),
      ...named.style.map((id) => ({ work: works.get(id)!, role: 'style' as const })),
    ];

    const allowed = allowedOutputLicences([...works.values()].map(familyOf));
    if (!allowed.includes(request.licence))
      throw new HttpError(422, 'licence_not_allowed', `The works used do not allow publishing under ${request.licence}.`, {
        requested: request.licence,
        allowed,
      });

    const image = await this.deps.images.prepare(upload);
    // The picture must show the document it came with: checked against the server's own render of it.
    const binding = await this.deps.binding.check({
      document: request.document,
      // The working rendition is the upload's pixels resampled (≤1024 px): compared at 256 px, and cheaper to decode.
      upload: image.working,
      remixes,
      visitor: visitor.token,
      ...(request.draftCode ? { draftCode: request.draftCode } : {}),
    });

    const id = this.newId();
    const createdAt = this.now();
    const licence = { id: request.licence, uri: OUTPUT_LICENCES[request.licence].uri };
    const provenance = buildProvenance({
      creationId: id,
      createdAt,
      output: { sha256: image.sha256, width: image.width, height: image.height, bytes: image.png.length },
      ingredients: uses.map((u) => ingredientOf(u, regionsOf(request.document, u), binding.placed)),
      composedWorkIds: workIdsOf(request.document),
      strokes: strokeCountOf(request.document),
      remixes: remixes.map(remixUseOf),
      licence,
      credit: { title: request.title, studioName: this.deps.studioName },
    });

    // The full PNG goes out with its content credentials; its pixels, and so provenance's sha256, are unchanged.
    const manifest = buildC2paManifest(provenance, { title: request.title, studioName: this.deps.studioName, creationUrl: this.deps.creationUrl(id) });
    const signed = await this.deps.credentials.sign(image.png, manifest);
    const imageKeys = await this.deps.images.save(id, { ...image, png: signed.png });
    let result: { inserted: boolean; creation: CreationRecord };
    try {
      result = await this.deps.creations.insert(
        {
          id,
          requestId: request.requestId,
          title: request.title,
          altText: request.altText ?? null,
          licenceId: licence.id,
          licenceUri: licence.uri,
          creditLine: provenance.creditLine,
          width: image.width,
          height: image.height,
          imageSha256: image.sha256,
          imageKeys,
          credentials: signed.credentials,
          document: request.document,
          provenance,
          createdAt,
          // A flag only orders the moderation queue; the creation is stored and waits for a person either way.
          safety: creationSafetyOf(remixes),
          ingredients: uses.map((u) => ({ workId: u.work.id, role: u.role })),
          visitorKey,
          maker: this.deps.makerOf?.(visitor.id) ?? null,
        },
        { maxPendingPerVisitor: cap },
      );
    } catch (err) {
      if (err instanceof PendingCapError) {
        await this.deps.images.remove(Object.values(imageKeys));
        throw pendingCap(err.max);
      }
      // The insert may have committed before the connection broke: the images go only when the row is surely not
      // there. When that cannot be told (the database is gone), they stay, and the storage sweeper removes them
      // once the grace has passed if no row names them (services/storage-sweeper.ts).
      const row = await this.deps.creations.findByRequestId(request.requestId).catch(() => undefined);
      if (row === null || (row && row.id !== id)) await this.deps.images.remove(Object.values(imageKeys));
      throw err;
    }
    // Lost a race with the same requestId: the other request's creation stands, ours leaves no trace.
    if (!result.inserted) await this.deps.images.remove(Object.values(imageKeys));
    return { created: result.inserted, creation: result.creation, ...(result.inserted ? { binding: { mean: binding.mean, worst: binding.worst } } : {}) };
  }

  private async resolveWorks(ids: string[]): Promise<CollectionWork[]> {
    if (ids.length === 0) return [];
    const found = new Map((await this.deps.works.findByIds(ids)).map((w) => [w.id, w]));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw badRequest('unknown_work', `Unknown collection work: ${unknown.join(', ')}.`, { workIds: unknown });
    const works = ids.map((id) => found.get(id)!);
    const refused = works.filter((w) => w.licenceStatus !== 'accepted' || !w.licenceFamily || !w.licenceUri);
    if (refused.length > 0)
      throw new HttpError(422, 'work_not_remixable', 'Some works may not be remixed.', {
        works: refused.map((w) => ({ workId: w.id, reason: w.refusalReason ?? 'No open licence.' })),
      });
    return works;
  }

  /**
   * A completed remix; while its safety screen runs, its event stream is read until the screen is done (bounded).
   * One the visitor's session does not know may come from the draft the canvas was opened from (`copied`).
   */
  private async fetchRemix(id: string, visitor: string, copied: Remix[] = []): Promise<Remix> {
    let remix = await this.inference(() => this.deps.inference.getRemix(id, visitor));
    if (!remix) remix = copied.find((r) => r.id === id) ?? null;
    // Past the wait the creation is still published, marked as not screened: moderation sees every creation.
    if (remix?.screening)
      remix = (await this.inference(() => this.deps.inference.awaitScreen(id, visitor, this.deps.screenWaitMs ?? SCREEN_WAIT_MS))) ?? remix;
    if (!remix) throw badRequest('unknown_remix', `Unknown remix: ${id}.`, { remixId: id });
    if (remix.status !== 'completed' || !remix.output)
      throw new HttpError(409, 'remix_not_completed', `Remix ${id} is ${remix.status}, not completed.`, {
        remixId: id,
        status: remix.status,
      });
    return remix;
  }

  private inference<T>(call: () => Promise<T>): Promise<T> {
    return askInference(call);
  }
}

/** A call to inference-service, its failures in the one error shape: off its contract 502, out of reach 503. */
export async function askInference<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof RemixContractError)
      throw new HttpError(502, 'inference_bad_answer', 'The remix service answered something unexpected; please try again later.');
    throw new HttpError(503, 'inference_unavailable', 'The remix service cannot be reached; please try again.');
  }
}

const pendingCap = (max: number) =>
  new TooManyRequestsError(
    'too_many_pending',
    `You already have ${max} creations waiting for a moderator; publish again once they have been looked at.`,
    PENDING_CAP_RETRY_S,
    { maxPending: max },
  );

function familyOf(w: CollectionWork): LicenceFamily {
  return w.licenceFamily as LicenceFamily; // resolveWorks refuses works without one
}

/** Each distinct detail of a work placed on the canvas, in layer order (only for the work's canvas use). */
function regionsOf(doc: CanvasDocument, use: Use): WorkRegion[] {
  if (use.role !== 'composed') return [];
  const seen = new Map<string, WorkRegion>();
  for (const l of doc.layers) {
    if (l.kind === 'work' && l.workId === use.work.id && l.region) {
      const { x, y, w, h } = l.region;
      seen.set(`${x},${y},${w},${h}`, { x, y, w, h });
    }
  }
  return [...seen.values()];
}

/** The work as the provenance keeps it: what the credit is built from, and the credit as published (English). */
function ingredientOf({ work: w, role }: Use, regions: WorkRegion[], placed: readonly PlacedWorkImage[]): Ingredient {
  // The image files drawn for this work's layers (a style work is not placed, so it has none).
  const files = role === 'composed' ? placed.filter((p) => p.workId === w.id).map(({ workId: _, ...file }) => file) : [];
  return {
    workId: w.id,
    role,
    title: w.title,
    ...(Object.keys(w.titles ?? {}).length ? { titles: { ...w.titles } } : {}),
    creator: w.creator,
    date: w.dateDisplay,
    institution: w.institution,
    landingUrl: w.landingUrl,
    licenceUri: w.licenceUri ?? '',
    ...(w.attribution ? { attribution: w.attribution } : {}),
    credit: workCredit(creditWorkOf(w), 'en'),
    ...(regions.length ? { regions } : {}),
    ...(w.imageSha256 ? { imageSha256: w.imageSha256 } : {}),
    ...(w.iiifManifest ? { iiifManifest: w.iiifManifest } : {}),
    ...(files.length ? { placedImages: files } : {}),
  };
}

function remixUseOf(r: Remix): RemixUse {
  return { remixId: r.id, model: r.model, params: r.params, inputSha256: r.inputSha256, outputSha256: r.output?.sha256 ?? '' };
}
