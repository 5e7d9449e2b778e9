import type { OutputLicenceId } from '@atelier/common/licences';
import type { IngredientRole } from './creation';

/**
 * The provenance record stored with every creation (ARCHITECTURE.md "Provenance record"). It is persisted and
 * read back months later, so it carries a schemaVersion and every read goes through `readProvenance`.
 */
export const PROVENANCE_SCHEMA_VERSION = 1;

export interface ModelRef {
  id: string;
  version: string;
  files: { name: string; sha256: string }[];
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
  model: ModelRef;
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
      model: { id: r.model.id, version: r.model.version, files: r.model.files.map((f) => ({ name: f.name, sha256: f.sha256 })) },
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
