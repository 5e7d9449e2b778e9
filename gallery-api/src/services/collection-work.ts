import type { LicenceFamily } from '@atelier/contracts/licences';

/** A work in the museum collection, as the gallery stores it (one per source + source id). */
export interface CollectionWork {
  id: string;
  source: string;
  sourceId: string;
  title: string;
  creator: string | null;
  creatorLife: string | null;
  dateDisplay: string | null;
  /** Year range for filtering (negative = BCE); null when the source gives none. */
  dateStart: number | null;
  dateEnd: number | null;
  medium: string | null;
  description: string | null;
  institution: string | null;
  landingUrl: string | null;
  rightsStatement: string | null;
  licenceStatus: 'accepted' | 'refused';
  licenceUri: string | null;
  licenceFamily: LicenceFamily | null;
  licenceLabel: string | null;
  refusalReason: string | null;
  /** Title, author, source, licence: the attribution line for this work. */
  credit: string | null;
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
