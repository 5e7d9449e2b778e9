import { randomUUID } from 'node:crypto';
import { HttpError, badRequest } from '@atelier/common/errors';
import {
  OUTPUT_LICENCES,
  allowedOutputLicences,
  suggestedOutputLicence,
  type LicenceFamily,
  type OutputLicenceId,
} from '@atelier/contracts/licences';
import type { InferenceClient, RemixRecord } from '../repositories/inference.client';
import type { CollectionWork, CollectionWorkLookup } from './collection-work';
import {
  remixIdsOf,
  strokeCountOf,
  workIdsOf,
  type CreationRecord,
  type IngredientRole,
  type NewCreation,
  type PublishRequest,
  type Rendition,
} from './creation';
import { remixCreditLine, workCreditLine } from './credit';
import { creationSafetyOf } from './creation-safety';
import { buildProvenance, type ProvenanceIngredient, type RemixUse } from './provenance';

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

export interface CreationWriter {
  findByRequestId(requestId: string): Promise<CreationRecord | null>;
  /** Inserts creation + ingredients in one transaction; `inserted: false` when the requestId already exists. */
  insert(creation: NewCreation): Promise<{ inserted: boolean; creation: CreationRecord }>;
}

export interface PublishDeps {
  works: CollectionWorkLookup;
  inference: Pick<InferenceClient, 'getRemix'>;
  images: CreationImages;
  creations: CreationWriter;
  studioName: string;
  /**
   * How long publishing waits for a remix's safety screen, which runs right after the visitor got the
   * output (normally well under a second), so the scores reach moderation; default 15 s, polled every 200 ms.
   */
  screenWait?: { maxMs: number; pollMs: number };
  now?: () => Date;
  newId?: () => string;
}

export interface PreviewIngredient {
  workId: string;
  title: string;
  creator: string | null;
  licence: { family: LicenceFamily; uri: string; label: string };
  credit: string;
}

export interface PublishPreview {
  allowed: OutputLicenceId[];
  suggested: OutputLicenceId;
  ingredients: PreviewIngredient[];
}

export interface PublishResult {
  created: boolean;
  creation: CreationRecord;
}

interface Use {
  work: CollectionWork;
  role: IngredientRole;
}

const creditOf = (w: CollectionWork): string => w.credit?.trim() || workCreditLine(w);

export class PublishService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: PublishDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  /** What the visitor may choose before publishing: allowed licences for these works and their credits. */
  async preview(workIds: string[]): Promise<PublishPreview> {
    const works = await this.resolveWorks([...new Set(workIds)]);
    const families = works.map(familyOf);
    return {
      allowed: allowedOutputLicences(families),
      suggested: suggestedOutputLicence(families),
      ingredients: works.map((w) => ({
        workId: w.id,
        title: w.title,
        creator: w.creator,
        licence: { family: familyOf(w), uri: w.licenceUri ?? '', label: w.licenceLabel ?? '' },
        credit: creditOf(w),
      })),
    };
  }

  /**
   * Checks everything (remixes, works, licence, image) before writing anything, then stores the images and
   * inserts creation, ingredients and provenance in one transaction. A repeated requestId answers the first result.
   */
  async publish(request: PublishRequest, upload: Uint8Array): Promise<PublishResult> {
    const existing = await this.deps.creations.findByRequestId(request.requestId);
    if (existing) return { created: false, creation: existing };

    const remixIds = [...new Set([...request.remixIds, ...remixIdsOf(request.document)])];
    if (remixIds.length > 10) throw badRequest('too_many_remixes', 'A creation may use at most 10 remixes.');
    const remixes = await Promise.all(remixIds.map((id) => this.fetchRemix(id)));

    const layerWorkIds = workIdsOf(request.document);
    // The works a remix was computed from are in its output even when their layers were removed afterwards,
    // and so is every work its parameters name (a style, a mixed-in style, a work cut out or upscaled).
    const named = remixes.map(remixWorkUses);
    const composedIds = [...new Set([...layerWorkIds, ...remixes.flatMap((r) => r.workIds), ...named.flatMap((n) => n.composed)])];
    const styleIds = [...new Set(named.flatMap((n) => n.style))];
    const works = new Map((await this.resolveWorks([...new Set([...composedIds, ...styleIds])])).map((w) => [w.id, w]));
    const uses: Use[] = [
      ...composedIds.map((id) => ({ work: works.get(id)!, role: 'composed' as const })),
      ...styleIds.map((id) => ({ work: works.get(id)!, role: 'style' as const })),
    ];

    const distinct = [...works.values()];
    const allowed = allowedOutputLicences(distinct.map(familyOf));
    if (!allowed.includes(request.licence))
      throw new HttpError(422, 'licence_not_allowed', `The works used do not allow publishing under ${request.licence}.`, {
        requested: request.licence,
        allowed,
      });

    const image = await this.deps.images.prepare(upload);

    const id = this.newId();
    const createdAt = this.now();
    const licence = { id: request.licence, uri: OUTPUT_LICENCES[request.licence].uri };
    const remixUses = remixes.map(remixUseOf);
    const creditLine = remixCreditLine({
      title: request.title,
      studioName: this.deps.studioName,
      year: createdAt.getUTCFullYear(),
      inputs: distinct,
      licence: request.licence,
      models: [...new Set(remixUses.map((r) => `${r.model.id} ${r.model.version}`))],
    });
    const provenance = buildProvenance({
      creationId: id,
      createdAt,
      output: { sha256: image.sha256, width: image.width, height: image.height, bytes: image.png.length },
      ingredients: uses.map((u) => withRegions(ingredientOf(u), u.role === 'composed' ? regionsOf(request.document, u.work.id) : [])),
      composedWorkIds: layerWorkIds,
      strokes: strokeCountOf(request.document),
      remixes: remixUses,
      licence,
      creditLine,
    });

    const imageKeys = await this.deps.images.save(id, image);
    let result: { inserted: boolean; creation: CreationRecord };
    try {
      result = await this.deps.creations.insert({
        id,
        requestId: request.requestId,
        title: request.title,
        altText: request.altText ?? null,
        licenceId: licence.id,
        licenceUri: licence.uri,
        creditLine,
        width: image.width,
        height: image.height,
        imageSha256: image.sha256,
        imageKeys,
        document: request.document,
        provenance,
        createdAt,
        // A flag only orders the moderation queue; the creation is stored and waits for a person either way.
        safety: creationSafetyOf(remixes),
        ingredients: uses.map((u) => ({ workId: u.work.id, role: u.role })),
      });
    } catch (err) {
      await this.deps.images.remove(Object.values(imageKeys));
      throw err;
    }
    // Lost a race with the same requestId: the other request's creation stands, ours leaves no trace.
    if (!result.inserted) await this.deps.images.remove(Object.values(imageKeys));
    return { created: result.inserted, creation: result.creation };
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

  private async fetchRemix(id: string): Promise<RemixRecord> {
    const get = async () => {
      try {
        return await this.deps.inference.getRemix(id);
      } catch {
        throw new HttpError(503, 'inference_unavailable', 'The remix service cannot be reached; please try again.');
      }
    };
    let remix = await get();
    // Past the wait the creation is still published, marked as not screened: moderation sees every creation.
    const { maxMs, pollMs } = this.deps.screenWait ?? { maxMs: 15_000, pollMs: 200 };
    for (let waited = 0; remix?.screening && waited < maxMs; waited += pollMs) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      remix = await get();
    }
    if (!remix) throw badRequest('unknown_remix', `Unknown remix: ${id}.`, { remixId: id });
    if (remix.status !== 'completed' || !remix.output)
      throw new HttpError(409, 'remix_not_completed', `Remix ${id} is ${remix.status}, not completed.`, {
        remixId: id,
        status: remix.status,
      });
    return remix;
  }
}

function familyOf(w: CollectionWork): LicenceFamily {
  return w.licenceFamily as LicenceFamily; // resolveWorks refuses works without one
}

/** Each distinct detail of a work on the canvas, in layer order. */
function regionsOf(doc: PublishRequest['document'], workId: string): NonNullable<ProvenanceIngredient['regions']> {
  const seen = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const l of doc.layers) {
    if (l.kind === 'work' && l.workId === workId && l.region) {
      const { x, y, w, h } = l.region;
      seen.set(`${x},${y},${w},${h}`, { x, y, w, h });
    }
  }
  return [...seen.values()];
}

function withRegions(i: ProvenanceIngredient, regions: NonNullable<ProvenanceIngredient['regions']>): ProvenanceIngredient {
  return regions.length ? { ...i, regions } : i;
}

function ingredientOf(use: Use): ProvenanceIngredient {
  const w = use.work;
  return {
    workId: w.id,
    role: use.role,
    title: w.title,
    creator: w.creator,
    institution: w.institution,
    landingUrl: w.landingUrl,
    licenceUri: w.licenceUri ?? '',
    credit: creditOf(w),
  };
}

/**
 * The collection works a remix's parameters name, by role: `styleWorkId` and `mixWorkId` lend their style;
 * `workId` (a cut-out or upscale of a work, `source: 'work'`) puts the work itself into the output.
 */
export function remixWorkUses(r: Pick<RemixRecord, 'params'>): { style: string[]; composed: string[] } {
  const p = r.params;
  const id = (v: unknown): string[] => (typeof v === 'string' && v ? [v] : []);
  return {
    style: [...id(p.styleWorkId), ...id(p.mixWorkId)],
    composed: p.source === 'work' ? id(p.workId) : [],
  };
}

function remixUseOf(r: RemixRecord): RemixUse {
  return {
    remixId: r.id,
    model: r.model,
    params: r.params,
    inputSha256: r.inputSha256,
    outputSha256: r.output?.sha256 ?? '',
  };
}
