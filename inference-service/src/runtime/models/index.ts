import { CARTOON_MODEL_ID } from './cartoon';
import { CUTOUT_MODEL_ID } from './cutout';
import { FAST_STYLE_MODEL_ID } from './fast-style';
import { MAGENTA_MODEL_ID } from './magenta-style';
import { SAFETY_MODEL_ID } from './safety';
import { DRAWING_UPSCALE_MODEL_ID, PHOTO_UPSCALE_MODEL_ID } from './upscale';

/** Every model this service has an adapter for; a manifest without one is listed but never runs. */
export const ADAPTER_MODEL_IDS: ReadonlySet<string> = new Set([
  MAGENTA_MODEL_ID,
  CUTOUT_MODEL_ID,
  PHOTO_UPSCALE_MODEL_ID,
  DRAWING_UPSCALE_MODEL_ID,
  CARTOON_MODEL_ID,
  FAST_STYLE_MODEL_ID,
  SAFETY_MODEL_ID,
]);
