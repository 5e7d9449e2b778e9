import type { paths as GalleryPaths } from './generated/gallery';
import type { Creation, Page, PublishPreview, StaffUser, WorkFacets, WorkSummary } from './types';

/**
 * The studio's view types (types.ts) must be satisfied by what gallery-api publishes (generated from its
 * OpenAPI document by `npm run openapi`): when a response schema changes, typecheck fails here instead of
 * the studio silently reading a field that is no longer sent.
 */
type Json<P extends keyof GalleryPaths, M extends 'get' | 'post'> = GalleryPaths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : GalleryPaths[P][M] extends { responses: { 201: { content: { 'application/json': infer B } } } }
    ? B
    : never;

type Satisfies<Server, Studio> = [Server] extends [never] ? false : [Server] extends [Studio] ? true : false;
type Expect<T extends true> = T;

export type ContractChecks = [
  Expect<Satisfies<Json<'/api/gallery/works', 'get'>, Page<WorkSummary>>>,
  Expect<Satisfies<Json<'/api/gallery/works/{id}', 'get'>, WorkSummary>>,
  Expect<Satisfies<Json<'/api/gallery/works/facets', 'get'>, WorkFacets>>,
  Expect<Satisfies<Json<'/api/gallery/creations/preview', 'post'>, PublishPreview>>,
  Expect<Satisfies<Json<'/api/gallery/creations/{id}', 'get'>, Creation>>,
  Expect<Satisfies<Json<'/api/gallery/creations', 'get'>, Page<Creation>>>,
  Expect<Satisfies<Json<'/api/gallery/auth/me', 'get'>, StaffUser>>,
];
