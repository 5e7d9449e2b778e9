import type { LicenceFamily, OutputLicenceId } from '@atelier/contracts/licences';
import type { CanvasDocument } from '../canvas/document/schema';
import type { paths as InferencePaths } from './generated/inference';

// The studio's view of the API. contract.ts makes typecheck fail when what gallery-api publishes
// (generated/gallery.d.ts, from its OpenAPI document) no longer satisfies these types; the
// inference-service types at the end are taken from its generated document outright.

export type { OutputLicenceId };

export interface WorkLicence {
  family: LicenceFamily;
  uri: string;
  label: string;
}

export interface WorkSummary {
  id: string;
  title: string;
  creator: string | null;
  institution?: string | null;
  date?: string | null;
  licence: WorkLicence;
  credit?: string | null;
  landingUrl?: string | null;
  thumbnailUrl: string;
  /** The ≤1024 px rendition placed on the canvas; derived from the id when the API leaves it out. */
  imageUrl?: string;
  width?: number | null;
  height?: number | null;
  /** `met`, `aic`, `local`, …: the source badge. */
  source?: string;
  /** The work has an IIIF image service: details come at full resolution. */
  iiif?: boolean;
}

export interface WorkFilters {
  institutions?: string[];
  families?: LicenceFamily[];
  from?: number;
  to?: number;
  iiif?: boolean;
}

export interface WorkFacets {
  institutions: { value: string; count: number }[];
  licences: { family: LicenceFamily; count: number }[];
  dates: { min: number | null; max: number | null };
  iiif: number;
  total: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** More matched than were counted: show "total+". */
  totalIsLowerBound?: boolean;
  page: number;
  pageSize: number;
}

export interface Ingredient {
  workId: string;
  role?: 'composed' | 'style';
  title: string;
  creator?: string | null;
  institution?: string | null;
  licenceUri?: string | null;
  credit: string;
}

export interface PublishPreview {
  allowed: OutputLicenceId[];
  suggested: OutputLicenceId;
  ingredients: Ingredient[];
}

export interface PublishRequest {
  requestId: string;
  title: string;
  altText?: string;
  licence: OutputLicenceId;
  document: CanvasDocument;
  remixIds: string[];
}

/** The marks a model's licence can carry (inference-service sets them from the model's manifest). */
export type ModelLicenceFlag = 'non_commercial' | 'licence_not_stated';

export interface ModelRef {
  id: string;
  version: string;
  files: { name: string; sha256: string }[];
  /** The model's licence; absent on creations published before it was recorded. */
  licence?: { spdx: string | null; uri: string | null; flags: ModelLicenceFlag[] };
}

export type ProvenanceAction =
  | { type: 'compose'; workIds: string[] }
  | { type: 'draw'; strokes: number }
  | { type: 'remix'; remixId: string; model: ModelRef; params: Record<string, unknown>; inputSha256: string; outputSha256: string };

export interface Provenance {
  schemaVersion: number;
  creationId: string;
  createdAt: string;
  output: { sha256: string; width: number; height: number; mediaType: string };
  ingredients: Ingredient[];
  actions: ProvenanceAction[];
  licence: { id: OutputLicenceId; uri: string };
  creditLine: string;
}

export interface Creation {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  title: string;
  altText?: string | null;
  licence: { id: OutputLicenceId; uri: string };
  creditLine: string;
  width?: number;
  height?: number;
  createdAt: string;
  imageUrl?: string;
  workingUrl?: string;
  thumbnailUrl?: string;
  provenance?: Provenance;
  jsonLd?: unknown;
  /** Moderation queue only: what the safety screen said about the remixes it uses (null: no remix). */
  safety?: CreationSafety | null;
}

/** gallery-api services/creation-safety.ts: a flag orders the moderation queue, it never drops a creation. */
export interface CreationSafety {
  flagged: boolean;
  remixes: {
    remixId: string;
    screened: boolean;
    flagged: boolean;
    scores: { input?: Record<string, number>; output?: Record<string, number> };
    flagClasses: string[];
    threshold: number;
    note?: string;
  }[];
}

export interface StaffUser {
  username: string;
  role?: string;
}

// ─── inference-service: generated from its OpenAPI document (generated/inference.d.ts), never copied ───

type InferenceOperation<P extends keyof InferencePaths, M extends 'get' | 'post' | 'delete'> = InferencePaths[P][M];

/** The JSON body an inference-service route answers with `status`, as its OpenAPI document publishes it. */
export type InferenceJson<P extends keyof InferencePaths, M extends 'get' | 'post' | 'delete', S extends number = 200> =
  InferenceOperation<P, M> extends { responses: { [K in S]: { content: { 'application/json': infer B } } } } ? B : never;

type PublishedRemix = InferenceJson<'/api/inference/remixes/{id}', 'get'>;

/**
 * GET /api/inference/remixes/:id (POST and DELETE answer the same; contract.ts checks it). `params` is one
 * tool's params; reading another tool's field by name gives `unknown` rather than a type error.
 */
export type Remix = Omit<PublishedRemix, 'params'> & { params: PublishedRemix['params'] & Record<string, unknown> };

export type RemixStatus = Remix['status'];

/** The nsfwjs pre-screen a completed remix carries; a flag sends the creation to moderation with it. */
export type SafetyReport = NonNullable<Remix['safety']>;

/** The `meta` part of POST /api/inference/remixes (multipart, before `canvas`): any tool's request. */
export type RemixRequest = InferenceOperation<'/api/inference/remixes', 'post'>['requestBody']['content']['multipart/form-data']['meta'];
/** A remix with one of the studio's tools (style, cut-out, upscale, cartoon, fixed style): the same request. */
export type ToolRemixRequest = RemixRequest;

/** The fixed styles the server offers (fast-neural-style-nc16; its rain-princess network is not offered). */
export type FixedStyle = Extract<RemixRequest['params'], { style: unknown }>['style'];

/** GET /api/inference/models */
export type ModelListing = InferenceJson<'/api/inference/models', 'get'>[number];

/** The studio's remix tools (inference-service jobs/tools.job.ts). */
export type RemixTool = NonNullable<ModelListing['tool']>;

/** GET /api/inference/recipes: a curated style. */
export type RecipeListing = InferenceJson<'/api/inference/recipes', 'get'>[number];
