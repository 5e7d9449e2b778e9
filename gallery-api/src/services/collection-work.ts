import type { CreditWork } from '@atelier/contracts/credit';
import type { LicenceFamily } from '@atelier/contracts/licences';

/** What a source says about a work, kept as it says it (an importer's candidate and the stored work share it). */
export interface WorkMetadata {
  source: string;
  sourceId: string;
  title: string;
  creator: string | null;
  creatorLife: string | null;
  dateDisplay: string | null;
  medium: string | null;
  description: string | null;
  institution: string | null;
  landingUrl: string | null;
  rightsStatement: string | null;
  /**
   * The attribution the institution asks for, verbatim (a museum credit line, IIIF `requiredStatement`, a CSV
   * `attribution`); null when it gave none. Credit texts are built from it by contracts' `workCredit`, never stored.
   */
  attribution: string | null;
}

/** A work in the museum collection, as the gallery stores it (one per source + source id). */
export interface CollectionWork extends WorkMetadata {
  id: string;
  /** Year range for filtering (negative = BCE); null when the source gives none. */
  dateStart: number | null;
  dateEnd: number | null;
  licenceStatus: 'accepted' | 'refused';
  licenceUri: string | null;
  licenceFamily: LicenceFamily | null;
  licenceLabel: string | null;
  refusalReason: string | null;
  /** Full pixel size of the source image (as the source states it, else as downloaded). */
  width: number | null;
  height: number | null;
  /** IIIF Image API base URL (no `/full/…`), when the source has one: regions are fetched through it. */
  iiifService: string | null;
  /** The source's own image URL, kept for provenance and re-fetching. */
  imageUrl: string | null;
  imageSha256: string | null;
  /** Storage keys per rendition: `original`, `working` (≤1024 px), `thumb` (≤256 px). */
  imageKeys: Partial<Record<'original' | 'working' | 'thumb', string>>;
  createdAt: Date;
  updatedAt: Date;
}

/** The read side other services (creations, remix checks) need from the collection. */
export interface CollectionWorkLookup {
  findByIds(ids: string[]): Promise<CollectionWork[]>;
}

/** A work the public may see and remix: an accepted licence and stored renditions. */
export type VisibleWork = CollectionWork & { licenceUri: string; licenceFamily: LicenceFamily };

export function isVisible(w: CollectionWork): w is VisibleWork {
  return w.licenceStatus === 'accepted' && w.imageSha256 !== null && w.licenceUri !== null && w.licenceFamily !== null;
}

/** The work as contracts' `workCredit` reads it. */
export function creditWorkOf(w: CollectionWork): CreditWork {
  return {
    title: w.title,
    creator: w.creator,
    date: w.dateDisplay,
    institution: w.institution,
    landingUrl: w.landingUrl,
    licenceUri: w.licenceUri,
    attribution: w.attribution,
  };
}
