import type { OutputLicenceId } from '@atelier/contracts/licences';
import type { IngredientRole } from './creation';

/**
 * The provenance record stored with every creation (ARCHITECTURE.md "Provenance record"). It is persisted and
 * read back months later, so it carries a schemaVersion and every read goes through `readProvenance`.
 * Optional fields added later (an ingredient's `regions`, a model's `licence`) keep version 1: every stored v1
 * record is still a valid v1 record without them, so no migration step is needed; a change old records could
 * not satisfy gets version 2 and a named step in `readProvenance`.
 */
export const PROVENANCE_SCHEMA_VERSION = 1;

/** The licence marks inference-service sets from a model's manifest (its GET /models `licence.flags`). */
export const MODEL_LICENCE_FLAGS = ['non_commercial', 'licence_not_stated'] as const;
export type ModelLicenceFlag = (typeof MODEL_LICENCE_FLAGS)[number];

/** The model's licence as inference-service reported it for the remix (from the model's manifest). */
export interface ModelLicence {
  /** SPDX id; null when the weights state no licence (then `flags` has `licence_not_stated`). */
  spdx: string | null;
  uri: string | null;
  flags: ModelLicenceFlag[];
}

export interface ModelRef {
  id: string;
  version: string;
  files: { name: string; sha256: string }[];
  /** Absent on creations published before it was recorded, and for remixes inference-service reported without it. */
  licence?: ModelLicence;
}

/** A remix's model as inference-service sends it: read from the wire, so the licence is not yet checked. */
export interface ReportedModel {
  id: string;
  version: string;
  files: { name: string; sha256: string }[];
  licence?: { spdx?: unknown; uri?: unknown; flags?: unknown } | null;
}

export interface ProvenanceIngredient {
  workId: string;
  role: IngredientRole;
  title: string;
  creator: string | null;
  institution: string | null;
  /** The museum's page for the work (not in ARCHITECTURE.md's list; kept so the record stands alone). */
  landingUrl: string | null;
  licenceUri: string;
  credit: string;
  /** The details of the work placed on the canvas (IIIF regions in its full pixels); absent: the whole work. */
  regions?: { x: number; y: number; w: number; h: number }[];
}

export type ProvenanceAction =
  | { type: 'compose'; workIds: string[] }
  | { type: 'draw'; strokes: number }
  | {
      type: 'remix';
      remixId: string;
      model: ModelRef;
      params: Record<string, unknown>;
      inputSha256: string;
      outputSha256: string;
    };

export interface Provenance {
  schemaVersion: typeof PROVENANCE_SCHEMA_VERSION;
  creationId: string;
  createdAt: string;
  output: { sha256: string; width: number; height: number; bytes: number; mediaType: 'image/png' };
  ingredients: ProvenanceIngredient[];
  actions: ProvenanceAction[];
  licence: { id: OutputLicenceId; uri: string };
  creditLine: string;
}

export interface RemixUse {
  remixId: string;
  model: ReportedModel;
  params: Record<string, unknown>;
  inputSha256: string;
  outputSha256: string;
}

export interface ProvenanceInput {
  creationId: string;
  createdAt: Date;
  output: { sha256: string; width: number; height: number; bytes: number };
  ingredients: ProvenanceIngredient[];
  /** Works placed on the canvas as layers (the compose action). */
  composedWorkIds: string[];
  strokes: number;
  remixes: RemixUse[];
  licence: { id: OutputLicenceId; uri: string };
  creditLine: string;
}

export function buildProvenance(input: ProvenanceInput): Provenance {
  const actions: ProvenanceAction[] = [];
  if (input.composedWorkIds.length > 0) actions.push({ type: 'compose', workIds: [...input.composedWorkIds] });
  if (input.strokes > 0) actions.push({ type: 'draw', strokes: input.strokes });
  for (const r of input.remixes) {
    actions.push({
      type: 'remix',
      remixId: r.remixId,
      model: modelRefOf(r.model),
      params: { ...r.params },
      inputSha256: r.inputSha256,
      outputSha256: r.outputSha256,
    });
  }
  return {
    schemaVersion: PROVENANCE_SCHEMA_VERSION,
    creationId: input.creationId,
    createdAt: input.createdAt.toISOString(),
    output: { ...input.output, mediaType: 'image/png' },
    ingredients: input.ingredients.map((i) => ({ ...i })),
    actions,
    licence: { ...input.licence },
    creditLine: input.creditLine,
  };
}

/** Copies the model field by field, so nothing else inference-service sends ends up in the stored record. */
function modelRefOf(m: ReportedModel): ModelRef {
  const ref: ModelRef = { id: m.id, version: m.version, files: m.files.map((f) => ({ name: f.name, sha256: f.sha256 })) };
  const licence = modelLicenceOf(m.licence);
  return licence ? { ...ref, licence } : ref;
}

/**
 * The reported licence in the record's shape; undefined when none was reported (a remix finished before
 * inference-service recorded licences). A flag this record does not know is left out rather than stored
 * unchecked: SPDX id and URI still say what the licence is, and a new mark is added here first.
 */
export function modelLicenceOf(raw: ReportedModel['licence']): ModelLicence | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  const flags = Array.isArray(raw.flags) ? raw.flags : [];
  return {
    spdx: text(raw.spdx),
    uri: text(raw.uri),
    flags: MODEL_LICENCE_FLAGS.filter((f) => flags.includes(f)),
  };
}

export class ProvenanceVersionError extends Error {}

/**
 * Brings a stored record up to the current schemaVersion. Only version 1 exists; a later version adds a named
 * step here (`v1ToV2`) instead of rewriting stored rows.
 */
export function readProvenance(raw: unknown): Provenance {
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version === PROVENANCE_SCHEMA_VERSION) return raw as Provenance;
  throw new ProvenanceVersionError(`unsupported provenance schemaVersion: ${String(version)}`);
}
