import { workIdsOf } from './canvas';

/**
 * The remix tools and the rules on their parameters (pure: no zod, so the studio can import them freely).
 * A model's manifest names its tool (`models/manifests/*.json`); the per-tool parameter shapes are remix.schema.ts,
 * which builds on this module, so the rules here read parameters structurally.
 */

/** Any tool's parameters (remix.schema.ts `ToolParams`), as the rules read them. */
type AnyToolParams = Readonly<Record<string, unknown>>;

export const TOOLS = ['style', 'cutout', 'upscale', 'cartoon', 'fixed-style'] as const;
export type Tool = (typeof TOOLS)[number];
export const isTool = (v: unknown): v is Tool => (TOOLS as readonly unknown[]).includes(v);

/**
 * The fixed styles visitors may choose (fast-neural-style-nc16 has one network per style). The model also
 * ships `rain-princess`, left out: its style image is a painting by Leonid Afremov, still in copyright.
 */
export const FIXED_STYLES = ['candy', 'mosaic', 'udnie'] as const;
export type FixedStyle = (typeof FIXED_STYLES)[number];

/** The marks a model's licence can carry, from its manifest: the studio shows them, provenance keeps them. */
export const MODEL_LICENCE_FLAGS = ['non_commercial', 'licence_not_stated'] as const;
export type ModelLicenceFlag = (typeof MODEL_LICENCE_FLAGS)[number];

/** A manifest's licence facts as marks: one mapping for the model list, each remix's model ref and the UI. */
export function modelLicenceFlags(licence: { nonCommercial: boolean; notStated: boolean }): ModelLicenceFlag[] {
  const flags: ModelLicenceFlag[] = [];
  if (licence.nonCommercial) flags.push('non_commercial');
  if (licence.notStated) flags.push('licence_not_stated');
  return flags;
}

/** The collection works a remix's parameters name, by the role they play in the output. */
export interface NamedWorks {
  /** Works whose style the output takes (a style, a mixed-in style). */
  style: string[];
  /** Works whose pixels are in the output (a work cut out or upscaled). */
  composed: string[];
}

const id = (v: unknown): string[] => (typeof v === 'string' && v ? [v] : []);

/**
 * The one rule for which collection works a remix names: inference-service checks each before queueing,
 * gallery-api credits each at publish, and the studio previews the credits and licences from it.
 */
export function worksNamedBy(tool: Tool, p: AnyToolParams): NamedWorks {
  switch (tool) {
    case 'style':
      return { style: [...new Set([...id(p.styleWorkId), ...id(p.mixWorkId)])], composed: [] };
    case 'cutout':
    case 'upscale':
      return { style: [], composed: p.source === 'work' ? id(p.workId) : [] };
    case 'cartoon':
    case 'fixed-style':
      return { style: [], composed: [] };
  }
}

/** What a creation needs to know about each remix it uses to credit the works in it. */
export interface RemixUsage {
  tool: Tool;
  params: AnyToolParams;
  /** The works that were on the canvas the remix was made from. */
  workIds: string[];
}

/**
 * Every collection work a picture is made of, by role: placed on the canvas, on the canvas a remix was made
 * from, or named by a remix's parameters (`worksNamedBy`). A work can play both roles.
 */
export function creationWorkUses(doc: Parameters<typeof workIdsOf>[0], remixes: readonly RemixUsage[]): NamedWorks {
  const named = remixes.map((r) => worksNamedBy(r.tool, r.params));
  return {
    composed: [...new Set([...workIdsOf(doc), ...remixes.flatMap((r) => r.workIds), ...named.flatMap((n) => n.composed)])],
    style: [...new Set(named.flatMap((n) => n.style))],
  };
}
