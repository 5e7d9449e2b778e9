/**
 * Parameters of each kind of remix. The job's `model` id says which applies (see `TOOL_OF_MODEL`); the API
 * validates them per model (routes/remixes/schemas.ts), so a processor can trust the shape it is given.
 */

/** Magenta: a collection work's style at a strength, optionally mixed with a second work, or a curated recipe. */
export interface StyleParams {
  styleWorkId: string;
  strength: number;
  /** A second work whose style is mixed in. */
  mixWorkId?: string;
  /** 0 = only `styleWorkId`'s style, 1 = only `mixWorkId`'s (default 0.5). */
  mixWeight?: number;
  /** A curated recipe (prompts/recipes) whose precomputed style vector stands in for `styleWorkId`'s. */
  recipeId?: string;
}

/** What a cut-out or upscale works on: the uploaded canvas, or one collection work's `working` image. */
export interface SourceParams {
  source: 'canvas' | 'work';
  /** Required when `source` is `work`. */
  workId?: string;
}

export type CutoutParams = SourceParams;
export interface UpscaleParams extends SourceParams {
  scale: 2 | 4;
}
export type CartoonParams = Record<string, never>;

/**
 * The fixed styles visitors may choose (fast-neural-style-nc16 has one network per style). The model also
 * ships `rain-princess`, left out: its style image is a painting by Leonid Afremov, still in copyright.
 */
export const FIXED_STYLES = ['candy', 'mosaic', 'udnie'] as const;
export type FixedStyle = (typeof FIXED_STYLES)[number];
export interface FixedStyleParams {
  style: FixedStyle;
}

export type ToolParams = StyleParams | CutoutParams | UpscaleParams | CartoonParams | FixedStyleParams;
export type Tool = 'style' | 'cutout' | 'upscale' | 'cartoon' | 'fixed-style';

export const TOOL_OF_MODEL: Readonly<Record<string, Tool>> = {
  'magenta-arbitrary-style': 'style',
  'isnet-imgly-medium': 'cutout',
  'upscalerjs-esrgan-slim': 'upscale',
  'realesr-animevideov3-x4': 'upscale',
  'whitebox-cartoonizer': 'cartoon',
  'fast-neural-style-nc16': 'fixed-style',
};

/** Every collection work the parameters name: each must exist and be remixable before the job is queued. */
export function paramWorkIds(params: ToolParams): string[] {
  const p = params as Partial<StyleParams & SourceParams>;
  return [p.styleWorkId, p.mixWorkId, p.source === 'work' ? p.workId : undefined].filter((id): id is string => !!id);
}


/**
 * The safety pre-screen of a remix (nsfwjs): the visitor's canvas and the output, never a collection work.
 * A flag never drops a remix: gallery-api sends a creation that uses a flagged remix to moderation with
 * these scores. `screened: false` says the screen could not run (model off or missing) and why.
 */
export interface SafetyReport {
  screened: boolean;
  flagged: boolean;
  /** Class probabilities per screened image. */
  scores: { input?: Record<string, number>; output?: Record<string, number> };
  /** Flagged when the sum of `flagClasses` reaches `threshold` on any screened image. */
  flagClasses: string[];
  threshold: number;
  model?: { id: string; version: string };
  note?: string;
}
