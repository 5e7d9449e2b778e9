import type { paths as GalleryPaths } from './generated/gallery';
import type {
  Creation, InferenceJson, ModelListing, Page, PublishPreview, RecipeListing, Remix, RemixRequest, SafetyReport, StaffUser, WorkFacets,
  WorkSummary,
} from './types';

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
/** A type taken from a generated document: `never` (a route or status that went away) would type-check anything. */
type Published<T> = [T] extends [never] ? false : unknown extends T ? false : true;

export type ContractChecks = [
  Expect<Satisfies<Json<'/api/gallery/works', 'get'>, Page<WorkSummary>>>,
  Expect<Satisfies<Json<'/api/gallery/works/{id}', 'get'>, WorkSummary>>,
  Expect<Satisfies<Json<'/api/gallery/works/facets', 'get'>, WorkFacets>>,
  Expect<Satisfies<Json<'/api/gallery/creations/preview', 'post'>, PublishPreview>>,
  Expect<Satisfies<Json<'/api/gallery/creations/{id}', 'get'>, Creation>>,
  Expect<Satisfies<Json<'/api/gallery/creations', 'get'>, Page<Creation>>>,
  Expect<Satisfies<Json<'/api/gallery/auth/me', 'get'>, StaffUser>>,
];

/**
 * The inference types (types.ts) are the generated ones; these checks catch what that alone would not: a route
 * or status code that disappears (the type turns `never`) and POST or DELETE answering another shape than GET.
 */
export type InferenceContractChecks = [
  Expect<Published<Remix>>,
  Expect<Published<SafetyReport>>,
  Expect<Published<RemixRequest>>,
  Expect<Published<ModelListing>>,
  Expect<Published<RecipeListing>>,
  Expect<Satisfies<InferenceJson<'/api/inference/remixes', 'post', 200>, Remix>>,
  Expect<Satisfies<InferenceJson<'/api/inference/remixes', 'post', 202>, Remix>>,
  Expect<Satisfies<InferenceJson<'/api/inference/remixes/{id}', 'delete', 200>, Remix>>,
  Expect<Satisfies<InferenceJson<'/api/inference/remixes/{id}', 'delete', 202>, Remix>>,
];
