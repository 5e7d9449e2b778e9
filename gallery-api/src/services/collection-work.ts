import type { LicenceFamily } from '@atelier/common/licences';

/** A work in the museum collection, as the gallery stores it (one per source + source id). */
export interface CollectionWork {
  id: string;
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
  licenceStatus: 'accepted' | 'refused';
  licenceUri: string | null;
  licenceFamily: LicenceFamily | null;
  licenceLabel: string | null;
  refusalReason: string | null;
  /** Title, author, source, licence: the attribution line for this work. */
  credit: string | null;
  width: number | null;
  height: number | null;
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
