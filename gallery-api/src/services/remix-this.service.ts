import { HttpError, notFound } from '@atelier/common/errors';
import { workIdsOf } from '@atelier/contracts/canvas';
import type { DraftSaved, DraftSaveRequest, RemixStart } from '@atelier/contracts/draft.schema';
import type { Provenance } from '@atelier/contracts/creation.schema';
import type { WorkCheck } from '@atelier/contracts/work.schema';
import { isUuid } from './creation';
import type { CreationReader } from './creation.service';

/**
 * "Remix this" (issue 14 item 7): a published creation's sources, opened in the studio as a draft. Only the
 * collection works come along, where and as the visitor placed them: the drawing and remixes are the first
 * visitor's own work (their remix outputs are readable in their session only), so the new visitor makes their own.
 * Every work must still be remixable now: a source withdrawn or refused since is named, and nothing is opened. The
 * recipe comes along too: the style work and strength of its style remix, which the studio preselects.
 */
export interface RemixThisDeps {
  creations: Pick<CreationReader, 'findById' | 'documentOf'>;
  works: { check(ids: string[]): Promise<{ works: WorkCheck[] }> };
  drafts: { save(request: DraftSaveRequest, visitor: string | null): Promise<DraftSaved> };
}

export function createRemixThis(deps: RemixThisDeps) {
  return {
    async start(id: string): Promise<RemixStart> {
      const creation = isUuid(id) ? await deps.creations.findById(id) : null;
      const document = creation?.status === 'approved' ? await deps.creations.documentOf(id) : null;
      if (!document) throw notFound('creation_not_found', 'No such creation.');
      const sources = { ...document, layers: document.layers.filter((l) => l.kind === 'work') };
      const recipe = styleRecipeOf(creation!.provenance);
      const ids = workIdsOf(sources);
      if (ids.length === 0) throw new HttpError(409, 'no_sources', 'This creation uses no collection work to start from.');
      if (recipe && !ids.includes(recipe.styleWorkId)) ids.push(recipe.styleWorkId);
      const refused = (await deps.works.check(ids)).works.filter((w) => w.status !== 'ok');
      if (refused.length > 0)
        throw new HttpError(409, 'sources_not_remixable', 'Some works this creation is made of may no longer be remixed.', {
          works: refused.map((w) => ({ id: w.id, reason: w.reason ?? 'It is no longer in the collection.' })),
        });
      return { ...(await deps.drafts.save({ document: sources }, null)), recipe };
    },
  };
}

/** The last style remix among the creation's actions: its style work and strength (what the studio preselects). */
export function styleRecipeOf(provenance: Pick<Provenance, 'actions'>): RemixStart['recipe'] {
  for (const action of [...provenance.actions].reverse()) {
    if (action.type !== 'remix') continue;
    const { styleWorkId, strength } = action.params as { styleWorkId?: unknown; strength?: unknown };
    if (typeof styleWorkId === 'string' && typeof strength === 'number' && strength >= 0 && strength <= 1) return { styleWorkId, strength };
  }
  return null;
}

export type RemixThis = ReturnType<typeof createRemixThis>;
