import type { Draft, DraftSaveRequest } from '@atelier/contracts/draft.schema';
import { boundedHistory, loadSavedHistory } from '../../canvas/document/saved-canvas';
import { patchEditor, type Studio } from '../../canvas/ui/studio';

/** A draft's JSON stays under gallery-api's 4 MB body limit: the oldest undo steps go first. */
export const DRAFT_MAX_CHARS = 3_000_000;

/** What POST /drafts is sent: the canvas and as much of its undo history as fits. Null when the canvas alone is too large. */
export function draftRequestOf(studio: Studio): DraftSaveRequest | null {
  const h = boundedHistory(studio.doc.store.get(), DRAFT_MAX_CHARS);
  return h && { document: h.present, history: { past: h.past, future: h.future } };
}

/**
 * Replaces the canvas and its history with an opened draft; its remixes show the draft's own copies, and the code is
 * kept for publishing (those remixes were made in another session, so gallery-api reads them from the draft).
 */
export function loadDraft(studio: Studio, draft: Draft, code: string): void {
  // The same migrations and checks as a canvas saved on this device (gallery-api has parsed it with the schema).
  studio.doc.load(loadSavedHistory({ past: draft.history.past, present: draft.document, future: draft.history.future }));
  patchEditor(studio, (s) => ({
    remixes: { ...s.remixes, ...Object.fromEntries(draft.remixes.map((r) => [r.id, r])) },
    selectedId: null,
    staged: null,
    draftCode: code,
  }));
}
