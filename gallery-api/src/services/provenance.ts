import {
  PROVENANCE_SCHEMA_VERSION,
  provenanceSchema,
  type Ingredient,
  type Provenance,
  type ProvenanceAction,
} from '@atelier/contracts/creation.schema';
import { changesOf, creationCredit, workCredit, type CreditWork } from '@atelier/contracts/credit';
import { LANGS, textIn, type Lang } from '@atelier/contracts/lang';
import type { OutputLicenceId } from '@atelier/contracts/licences';
import type { ModelRef } from '@atelier/contracts/model.schema';

/**
 * The provenance record stored with every creation (ARCHITECTURE.md "Provenance record"; its shape is contracts'
 * `provenanceSchema`). It is persisted and read back months later, so it carries a schemaVersion and every read
 * goes through `readProvenance`, which runs the named steps up to the current version and then parses it.
 */

/** A remix as the creation records it: what inference-service reported, never what the browser said. */
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
  ingredients: Ingredient[];
  /** Works placed on the canvas as layers (the compose action). */
  composedWorkIds: string[];
  strokes: number;
  remixes: RemixUse[];
  licence: { id: OutputLicenceId; uri: string };
  /** What the creation's credit line names besides the record: its title and the studio it was made in. */
  credit: CreditContext;
}

export interface CreditContext {
  title: string;
  studioName: string;
}

/** The record, as a copy of its inputs: later changes to them cannot alter it. Its credit line is English. */
export function buildProvenance(input: ProvenanceInput): Provenance {
  const actions: ProvenanceAction[] = [];
  if (input.composedWorkIds.length > 0) actions.push({ type: 'compose', workIds: [...input.composedWorkIds] });
  if (input.strokes > 0) actions.push({ type: 'draw', strokes: input.strokes });
  for (const r of input.remixes) actions.push({ type: 'remix', ...structuredClone(r) });
  const record: Omit<Provenance, 'creditLine'> = {
    schemaVersion: PROVENANCE_SCHEMA_VERSION,
    creationId: input.creationId,
    createdAt: input.createdAt.toISOString(),
    output: { ...input.output, mediaType: 'image/png' },
    ingredients: structuredClone(input.ingredients),
    actions,
    licence: { ...input.licence },
  };
  return { ...record, creditLine: provenanceCredits(record, input.credit, 'en').creditLine };
}

/**
 * Every credit text of a creation, in one language, from its provenance alone (contracts' credit builder): each
 * ingredient's `credit`, and the creation's credit line, which repeats each work's credit word for word. Built on
 * every read, so a creation is credited in the language asked for; the English line is the one published.
 */
export function provenanceCredits(
  p: Pick<Provenance, 'createdAt' | 'ingredients' | 'actions' | 'licence'>,
  context: CreditContext,
  lang: Lang,
): { creditLine: string; ingredients: Ingredient[] } {
  // Each ingredient's title and credit in the reader's language; the stored record keeps the default title.
  const ingredients = p.ingredients.map((i) => ({ ...i, title: textIn(i.titles, lang, i.title), credit: workCredit(creditWorkOfIngredient(i), lang) }));
  // A work used both on the canvas and as a style is credited once.
  const works = [...new Map(p.ingredients.map((i) => [i.workId, creditWorkOfIngredient(i)])).values()];
  const creditLine = creationCredit(
    {
      title: context.title,
      studioName: context.studioName,
      year: new Date(p.createdAt).getUTCFullYear(),
      works,
      licence: p.licence.id,
      changes: changesOf(p.actions),
    },
    lang,
  );
  return { creditLine, ingredients };
}

function creditWorkOfIngredient(i: Ingredient): CreditWork {
  return {
    title: i.title,
    titles: i.titles ?? null,
    creator: i.creator,
    date: i.date ?? null,
    institution: i.institution,
    landingUrl: i.landingUrl,
    licenceUri: i.licenceUri,
    attribution: i.attribution ?? null,
  };
}

/** One named step from a stored version to the next: kept forever, as the canvas document's migrations are. */
export interface ProvenanceStep {
  name: string;
  from: number;
  up(record: Record<string, unknown>): Record<string, unknown>;
}

/**
 * None yet: every field added since version 1 is optional, so every stored v1 record is still a valid v1 record
 * (contracts' `provenanceSchema` says so). A change old records could not satisfy adds version 2 and a step here.
 */
export const PROVENANCE_STEPS: readonly ProvenanceStep[] = [];

export class ProvenanceError extends Error {
  override name = 'ProvenanceError';
}

/** A stored record of any version: brought up to the current one step by step, then parsed with the contract. */
export function readProvenance(raw: unknown, steps: readonly ProvenanceStep[] = PROVENANCE_STEPS): Provenance {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ProvenanceError('not a provenance record');
  let record = raw as Record<string, unknown>;
  let version = record.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version > PROVENANCE_SCHEMA_VERSION)
    throw new ProvenanceError(`unsupported provenance schemaVersion: ${String(version)}`);
  while (version < PROVENANCE_SCHEMA_VERSION) {
    const step = steps.find((s) => s.from === version);
    if (!step) throw new ProvenanceError(`no provenance step from version ${version}`);
    version += 1;
    record = { ...step.up(record), schemaVersion: version };
  }
  const parsed = provenanceSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProvenanceError(`malformed provenance record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** `provenanceCredits` in every language the studio speaks (JSON-LD and IIIF carry them side by side). */
export function creditsInEveryLang(
  p: Pick<Provenance, 'createdAt' | 'ingredients' | 'actions' | 'licence'>,
  context: CreditContext,
): Record<Lang, ReturnType<typeof provenanceCredits>> {
  return Object.fromEntries(LANGS.map((lang) => [lang, provenanceCredits(p, context, lang)])) as Record<Lang, ReturnType<typeof provenanceCredits>>;
}
