import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import type { CreationCredentials, CreationSafety, CreationStatus, IngredientRole, Provenance } from '@atelier/contracts/creation.schema';
import type { OutputLicenceId } from '@atelier/contracts/licences';
import type { Pseudonym } from '@atelier/contracts/workshop.schema';

/**
 * A visitor's creation as the gallery keeps it (a row, with Dates); what crosses the wire is contracts'
 * `Creation`, made from it by creation.view.ts. No personal data: the author is always "a visitor".
 */

export const RENDITIONS = ['thumb', 'working', 'full'] as const;
export type Rendition = (typeof RENDITIONS)[number];

export interface CreationRecord {
  id: string;
  requestId: string;
  title: string;
  altText: string | null;
  licenceId: OutputLicenceId;
  licenceUri: string;
  /** The credit line as published, in English (the provenance record keeps the same text). */
  creditLine: string;
  status: CreationStatus;
  width: number;
  height: number;
  imageSha256: string;
  imageKeys: Record<Rendition, string>;
  /** What the full image carries (C2PA signed or not, by whom); null for creations from before credentials. */
  credentials: CreationCredentials | null;
  provenance: Provenance;
  /** The safety screen of the remixes it uses (null: no remix); moderation lists flagged ones first. */
  safety: CreationSafety | null;
  /**
   * The visitor session that published it, as a keyed hash of the session id (never the id itself): for the
   * pending-per-session cap and "my creations". Null for creations from before sessions were bound. Never shown.
   */
  visitorKey: string | null;
  /**
   * The maker's pseudonym, NL and EN (maker-pseudonym.ts for a visitor, the workshop's for a pupil): shown beside the
   * title. Absent or null for creations from before pseudonyms (migration 022).
   */
  maker?: Pseudonym | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** What a provenance record's credits are built from (provenance.ts `provenanceCredits`). */
export type CreditProvenance = Pick<Provenance, 'createdAt' | 'ingredients' | 'actions' | 'licence'>;

/**
 * A creation as a card shows it (the gallery's list pages): no canvas document, no image keys, no safety screen or
 * content credentials, and of the provenance record only what its credits are built from.
 */
export interface CreationSummaryRecord
  extends Pick<CreationRecord, 'id' | 'status' | 'title' | 'altText' | 'licenceId' | 'licenceUri' | 'width' | 'height' | 'createdAt' | 'decidedAt' | 'maker'> {
  provenance: CreditProvenance;
}

export interface NewCreation extends Omit<CreationRecord, 'status' | 'decidedAt'> {
  ingredients: { workId: string; role: IngredientRole }[];
  /**
   * The canvas as published: stored with the creation and read only on its own (`documentOf`), since no page shows
   * it and it is most of a row (a list page read 24 of them for nothing).
   */
  document: CanvasDocument;
}

/**
 * Who is looking: staff see creations in every status, the visitor who published one sees it in every status too
 * (`visitorKey`: the keyed hash of the request's own session), everyone else only approved ones.
 */
export interface Viewer {
  staff: boolean;
  visitorKey?: string | null;
}

export const isVisibleTo = (creation: Pick<CreationRecord, 'status' | 'visitorKey'>, viewer: Viewer): boolean =>
  viewer.staff || creation.status === 'approved' || (!!viewer.visitorKey && creation.visitorKey === viewer.visitorKey);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);
