import type { CreditWork } from '@atelier/contracts/credit';
import type { LicenceFamily } from '@atelier/contracts/licences';

/**
 * Text per language as the source tags it (`{ en: "The Starry Night", nl: "De sterrennacht" }`): BCP 47 tags,
 * lower case. Untagged text is not in it; `title` and `description` stay the display default.
 */
export type LangTexts = Record<string, string>;

/** A rectangle in an image service's full-resolution pixels (IIIF Image API `x,y,w,h`). */
export interface PixelRegion {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a source says about a work, kept as it says it (an importer's candidate and the stored work share it). */
export interface WorkMetadata {
  source: string;
  sourceId: string;
  title: string;
  creator: string | null;
  /** What the creator did, when the source says (`Artist`, `Printmaker`, `Attributed to`). */
  creatorRole?: string | null;
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
  /** Titles and descriptions per language, where the source tags them. */
  titles?: LangTexts;
  descriptions?: LangTexts;
}

/** A work in the museum collection, as the gallery stores it (one per source + source id). */
export interface CollectionWork extends WorkMetadata {
  id: string;
  creatorRole: string | null;
  titles: LangTexts;
  descriptions: LangTexts;
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
  /** The work's own IIIF Presentation manifest at its institution, when the source has one (never dereferenced here). */
  iiifManifest: string | null;
  /**
   * The part of the service's image the work is, when the source paints only a region of it (a V&A canvas body
   * `…/140,870,1800,1778/full/0/default.jpg`): `width` × `height` are then that region's, and a detail (x, y) of the
   * work is (region.x + x, region.y + y) on the service.
   */
  iiifRegion: PixelRegion | null;
  /** The source's own image URL, kept for provenance and re-fetching. */
  imageUrl: string | null;
  /** sha256 of the bytes as the source gave them (before cleaning): the provenance anchor and the change check. */
  imageSha256: string | null;
  /**
   * Storage keys per rendition: `original` (the cleaned master: a PNG without EXIF, GPS or maker data, within the
   * upload limits), `working` (≤1024 px), `thumb` (≤256 px).
   */
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
    titles: w.titles,
    creator: w.creator,
    date: w.dateDisplay,
    institution: w.institution,
    landingUrl: w.landingUrl,
    licenceUri: w.licenceUri,
    attribution: w.attribution,
  };
}
