import type { LicenceFamily, OutputLicenceId } from '@atelier/common/licences';
import type { CanvasDocument } from '../canvas/document/schema';

// The studio's view of the API. contract.ts makes typecheck fail when what gallery-api publishes
// (generated/gallery.d.ts, from its OpenAPI document) no longer satisfies these types.

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

export interface ModelRef {
  id: string;
  version: string;
  files: { name: string; sha256: string }[];
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

export type RemixStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface RemixRequest {
  requestId: string;
  model: 'magenta-arbitrary-style';
  params: { styleWorkId: string; strength: number };
  workIds: string[];
}

export interface Remix {
  id: string;
  status: RemixStatus;
  progress: number;
  position?: number;
  error?: string | { code?: string; message: string };
  model: ModelRef;
  params: { styleWorkId?: string; strength?: number } & Record<string, unknown>;
  workIds: string[];
  inputSha256: string;
  output?: { url: string; sha256: string; width: number; height: number };
  createdAt: string;
  finishedAt?: string;
  safety?: SafetyReport;
  /** Completed, and the safety screen is still running: `safety` follows within moments. */
  screening?: boolean;
}

/** The studio's remix tools beyond Magenta style (inference-service jobs/tools.job.ts). */
export type RemixTool = 'style' | 'cutout' | 'upscale' | 'cartoon';

export interface ToolRemixRequest {
  requestId: string;
  model: string;
  params:
    | { styleWorkId: string; strength: number; mixWorkId?: string; mixWeight?: number; recipeId?: string }
    | { source: 'canvas' | 'work'; workId?: string; scale?: 2 | 4 }
    | Record<string, never>;
  workIds: string[];
}

/** GET /api/inference/models */
export interface ModelListing {
  id: string;
  version: string;
  task: string;
  title: string;
  tool?: RemixTool;
  licence: { spdx: string | null; uri: string | null; flags: string[]; note?: string };
  enabled: boolean;
  disabledReason?: 'operator' | 'no_adapter';
}

/** GET /api/inference/recipes: a curated style. */
export interface RecipeListing {
  id: string;
  model: string;
  title: { nl: string; en: string };
  lookFor: { nl: string; en: string };
  params: { styleWorkId: string; strength: number };
  precomputed: boolean;
}

/** The nsfwjs pre-screen a completed remix carries; a flag sends the creation to moderation with it. */
export interface SafetyReport {
  screened: boolean;
  flagged: boolean;
  scores: { input?: Record<string, number>; output?: Record<string, number> };
  flagClasses: string[];
  threshold: number;
  note?: string;
}
