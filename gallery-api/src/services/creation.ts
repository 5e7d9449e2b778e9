import type { WorkRegion } from './work-region.service';
import type { OutputLicenceId } from '@atelier/contracts/licences';
import type { Provenance } from './provenance';
import type { CreationSafety } from './creation-safety';

/** A visitor's creation as the gallery keeps it. No personal data: the author is always "a visitor". */

export type CreationStatus = 'pending' | 'approved' | 'rejected';
export type IngredientRole = 'composed' | 'style';
export const RENDITIONS = ['thumb', 'working', 'full'] as const;
export type Rendition = (typeof RENDITIONS)[number];

export interface Stroke {
  points: number[];
  color: string;
  size: number;
}

/** The studio's persisted canvas (studio-web `canvas/document/schema.ts`), schemaVersion 1. */
export type Layer =
  | { id: string; kind: 'work'; workId: string; x: number; y: number; scale: number; rotation: number; region?: WorkRegion }
  | { id: string; kind: 'strokes'; strokes: Stroke[] }
  | { id: string; kind: 'remix'; remixId: string; x: number; y: number; width: number; height: number };

export interface CanvasDocument {
  schemaVersion: 1;
  width: number;
  height: number;
  layers: Layer[];
}

export interface PublishRequest {
  requestId: string;
  title: string;
  altText?: string | undefined;
  licence: OutputLicenceId;
  document: CanvasDocument;
  remixIds: string[];
}

export interface CreationRecord {
  id: string;
  requestId: string;
  title: string;
  altText: string | null;
  licenceId: OutputLicenceId;
  licenceUri: string;
  creditLine: string;
  status: CreationStatus;
  width: number;
  height: number;
  imageSha256: string;
  imageKeys: Record<Rendition, string>;
  document: CanvasDocument;
  provenance: Provenance;
  /** The safety screen of the remixes it uses (null: no remix); moderation lists flagged ones first. */
  safety: CreationSafety | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface NewCreation extends Omit<CreationRecord, 'status' | 'decidedAt'> {
  ingredients: { workId: string; role: IngredientRole }[];
}

/** Who is looking: staff see creations in every status, everyone else only approved ones. */
export interface Viewer {
  staff: boolean;
}

export const isVisibleTo = (creation: Pick<CreationRecord, 'status'>, viewer: Viewer): boolean =>
  viewer.staff || creation.status === 'approved';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);

/** Distinct collection works placed on the canvas, in layer order. */
export function workIdsOf(doc: CanvasDocument): string[] {
  return [...new Set(doc.layers.flatMap((l) => (l.kind === 'work' ? [l.workId] : [])))];
}

export function remixIdsOf(doc: CanvasDocument): string[] {
  return [...new Set(doc.layers.flatMap((l) => (l.kind === 'remix' ? [l.remixId] : [])))];
}

export function strokeCountOf(doc: CanvasDocument): number {
  return doc.layers.reduce((n, l) => n + (l.kind === 'strokes' ? l.strokes.length : 0), 0);
}

/** The author credited everywhere: never a person's name. */
export const authorOf = (studioName: string): string => `a visitor of ${studioName}`;
