import type { Ingredient, Provenance } from '@atelier/contracts/creation.schema';

/**
 * The one builder of a creation's C2PA manifest definition (the JSON c2pa-rs signs), made from its stored provenance
 * record alone, so the file says exactly what the record says. Labels and fields follow C2PA 2.x (claim v2):
 * `c2pa.actions.v2` opening with `c2pa.created`, one `c2pa.placed` per work on the canvas, `c2pa.drawing`, one
 * `c2pa.edited` per model run with the model as software agent, ingredients for the collection works, and a
 * schema.org CreativeWork for the licence and credit line.
 */

export const IPTC_SOURCE = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
export const COMPOSITE_WITH_AI = `${IPTC_SOURCE}compositeWithTrainedAlgorithmicMedia`;
export const CREATION_ASSERTION = 'org.openatelier.creation';
export const WORKS_ASSERTION = 'org.openatelier.ingredients';
export const CREATIVE_WORK_ASSERTION = 'stds.schema-org.CreativeWork';
export const ACTIONS_ASSERTION = 'c2pa.actions.v2';
/** An ingredient's metadata field: the sha256, type and size of each image file of the work the canvas showed. */
export const PLACED_IMAGES = 'org.openatelier.placedImages';
/** The software that writes the claim; the museum's studio name is given beside it. */
export const CLAIM_GENERATOR = 'Open Atelier';
export const STUDIO_VERSION = '0.1.0';

export interface C2paAction {
  action: string;
  digitalSourceType?: string;
  softwareAgent?: { name: string; version?: string; [extra: string]: unknown };
  parameters?: Record<string, unknown>;
}

export interface C2paIngredient {
  title: string;
  format: string;
  relationship: 'componentOf' | 'inputTo';
  instance_id: string;
  description: string;
  informational_URI?: string;
  /** C2PA assertion metadata; ours names the exact image files placed (`PLACED_IMAGES`). */
  metadata?: Record<string, unknown>;
}

export interface C2paManifestDefinition {
  claim_generator_info: { name: string; version: string; [extra: string]: unknown }[];
  title: string;
  format: 'image/png';
  ingredients: C2paIngredient[];
  assertions: { label: string; data: unknown; kind?: 'Json' }[];
}

export interface ManifestContext {
  /** The creation's title (the provenance record keeps only its id). */
  title: string;
  studioName: string;
  /** The creation's public page, e.g. https://atelier.example/gallery/<id>. */
  creationUrl: string;
}

/** The ingredient id a work has inside the manifest; actions name ingredients by it. */
export const ingredientIdOf = (workId: string, role: Ingredient['role']): string => `atelier:${role}:${workId}`;

export function buildC2paManifest(p: Provenance, ctx: ManifestContext): C2paManifestDefinition {
  const remixes = p.actions.filter((a) => a.type === 'remix');
  const composed = p.ingredients.filter((i) => i.role === 'composed');
  // A remix makes it a composite with trained algorithmic media; works alone a composite; strokes alone a digital creation.
  const created = remixes.length ? COMPOSITE_WITH_AI : composed.length ? `${IPTC_SOURCE}composite` : `${IPTC_SOURCE}digitalCreation`;
  const actions: C2paAction[] = [
    { action: 'c2pa.created', digitalSourceType: created, softwareAgent: { name: CLAIM_GENERATOR, version: STUDIO_VERSION } },
  ];
  for (const i of composed) actions.push({ action: 'c2pa.placed', parameters: { ingredientIds: [ingredientIdOf(i.workId, i.role)] } });
  for (const a of p.actions) {
    if (a.type === 'draw') actions.push({ action: 'c2pa.drawing', parameters: { 'org.openatelier.strokes': a.strokes } });
    if (a.type === 'remix')
      actions.push({
        action: 'c2pa.edited',
        digitalSourceType: COMPOSITE_WITH_AI,
        softwareAgent: { name: a.model.id, version: a.model.version, 'org.openatelier.files': a.model.files.map((f) => ({ ...f })) },
        parameters: {
          'org.openatelier.remixId': a.remixId,
          'org.openatelier.inputSha256': a.inputSha256,
          'org.openatelier.outputSha256': a.outputSha256,
          ...(a.model.licence?.spdx ? { 'org.openatelier.modelLicence': a.model.licence.spdx } : {}),
        },
      });
  }
  return {
    claim_generator_info: [{ name: CLAIM_GENERATOR, version: STUDIO_VERSION, 'org.openatelier.studio': ctx.studioName }],
    title: ctx.title,
    format: 'image/png',
    ingredients: p.ingredients.map((i) => ({
      title: i.title,
      // The format of the file the canvas placed; a style work (or an older record) reached the model as a web image.
      format: i.placedImages?.[0]?.mediaType ?? 'image/jpeg',
      // A style work is an input to a model run, not a part placed in the picture.
      relationship: i.role === 'style' ? 'inputTo' : 'componentOf',
      instance_id: ingredientIdOf(i.workId, i.role),
      description: i.credit,
      ...(i.landingUrl ? { informational_URI: i.landingUrl } : {}),
      ...(i.placedImages?.length ? { metadata: { [PLACED_IMAGES]: i.placedImages.map((f) => ({ ...f })) } } : {}),
    })),
    assertions: [
      { label: ACTIONS_ASSERTION, data: { actions } },
      {
        label: CREATIVE_WORK_ASSERTION,
        kind: 'Json',
        data: {
          '@context': 'https://schema.org',
          '@type': 'CreativeWork',
          name: ctx.title,
          url: ctx.creationUrl,
          dateCreated: p.createdAt,
          license: p.licence.uri,
          creditText: p.creditLine,
          isBasedOn: p.ingredients.map((i) => ({
            '@type': 'CreativeWork',
            name: i.title,
            ...(i.creator ? { creator: i.creator } : {}),
            ...(i.institution ? { provider: i.institution } : {}),
            ...(i.landingUrl ? { url: i.landingUrl } : {}),
            license: i.licenceUri,
            creditText: i.credit,
          })),
        },
      },
      // Everything the record knows of each work, beyond what an ingredient has fields for.
      {
        label: WORKS_ASSERTION,
        data: {
          ingredients: p.ingredients.map((i) => ({
            instanceId: ingredientIdOf(i.workId, i.role),
            workId: i.workId,
            role: i.role,
            title: i.title,
            creator: i.creator,
            institution: i.institution,
            landingUrl: i.landingUrl,
            licenceUri: i.licenceUri,
            credit: i.credit,
            ...(i.regions ? { regions: i.regions } : {}),
            // The museum's image file the canvas renditions were made from.
            ...(i.imageSha256 ? { imageSha256: i.imageSha256 } : {}),
            ...(i.iiifManifest ? { iiifManifest: i.iiifManifest } : {}),
            // The exact files the canvas showed (a rendition or a detail of that file), as the server drew them.
            ...(i.placedImages?.length ? { placedImages: i.placedImages } : {}),
          })),
        },
      },
      {
        label: CREATION_ASSERTION,
        data: { creationId: p.creationId, url: ctx.creationUrl, outputSha256: p.output.sha256, licence: p.licence.uri },
      },
    ],
  };
}
