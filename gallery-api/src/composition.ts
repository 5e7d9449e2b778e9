import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { MemoryRateCounter, RateLimiter } from '@atelier/common/rate-limit';
import type { ObjectStorage } from '@atelier/common/storage';
import { storageRoom } from '@atelier/common/storage-room';
import { VisitorSessions } from '@atelier/common/visitor-session';
import type { GalleryConfig } from './config';
import { IMAGE_HOSTS } from './importers/registry';
import { DEFAULT_REGION_SETTINGS, type RegionSettings } from './region-config';
import { CollectionSourceRepository } from './repositories/collection-source.repository';
import { CreationImageStorage } from './repositories/creation-images.storage';
import { CreationRepository } from './repositories/creation.repository';
import { DraftRepository } from './repositories/draft.repository';
import { ModerationRepository } from './repositories/moderation.repository';
import { SessionRepository } from './repositories/session.repository';
import { StaffAuditRepository } from './repositories/staff-audit.repository';
import { StaffRepository } from './repositories/staff.repository';
import { colouringPagePng, SharpWorkImageRenderer } from './repositories/work-images';
import { SharpCanvasPainter } from './repositories/canvas-painter';
import { StorageRegionCache } from './repositories/work-region-cache';
import { imageHostPolicy } from './repositories/work-region-fetch';
import { WorkRegionImages } from './repositories/work-region-images';
import { WorkRepository } from './repositories/work.repository';
import { AuthService, type LoginAudit } from './services/auth.service';
import type { ImportDeps } from './services/collection-import.service';
import { CreationService } from './services/creation.service';
import { LoginBackoff } from './services/login-backoff';
import { createCreationView } from './services/creation.view';
import { creationUrls } from './services/jsonld';
import { SigningWithFallback, UnsignedCredentials, type ContentCredentials } from './services/content-credentials';
import { VerifyService } from './services/verify.service';
import { DraftService, type DraftRemixSource } from './services/draft.service';
import { ModerationService } from './services/moderation.service';
import { createCanvasImages } from './services/canvas-images';
import { ImageBinding } from './services/image-binding';
import { hashPassword } from './services/password';
import { StaffAdminService } from './services/staff-admin.service';
import { PublishService, type PublishDeps, type RemixSource } from './services/publish.service';
import { GalleryStorageSweeper } from './services/storage-sweeper';
import { createWorkRegionService } from './services/work-region.service';
import { createRemixThis } from './services/remix-this.service';
import { createWorkService } from './services/work.service';
import { composeExhibitions } from './exhibition.composition';
import { composeWorkshops } from './workshop.composition';
import { loadPseudonymWords } from '@atelier/prompts/pupil-pseudonyms';
import { makerPseudonyms } from './services/maker-pseudonym';
import { PgNotices } from './repositories/pg-notices';
import { HttpPrintMaker } from './repositories/print.client';
import { PRINT_MODEL, PrintService, type PrintMaker } from './services/print.service';

/**
 * The one composition root of gallery-api: every repository and service is built here, once, and handed to the
 * app plugin (server.ts), the CLI and the tests. Routes and services never build their own.
 */

/** A visitor waits for a region: one quick retry, then the stored original is cut instead. */
const REGION_FETCH = { timeoutMs: 8_000, maxRetries: 1, baseDelayMs: 300, maxDelayMs: 2_000 };

/** Everything that talks to Postgres, storage or another service. */
export function galleryRepositories(pool: pg.Pool, storage: ObjectStorage, regions: RegionSettings = DEFAULT_REGION_SETTINGS) {
  return {
    pool,
    storage,
    works: new WorkRepository(pool),
    sources: new CollectionSourceRepository(pool),
    workImages: new SharpWorkImageRenderer(),
    // Details are fetched only from each source's image hosts (and GALLERY_IIIF_HOSTS), at public addresses.
    regionImages: new WorkRegionImages(imageHostPolicy(IMAGE_HOSTS, regions.iiifHosts, regions.testAllowPrivateHosts), REGION_FETCH),
    regionCache: new StorageRegionCache(storage, regions.cacheBytes),
    creations: new CreationRepository(pool),
    creationImages: new CreationImageStorage(storage),
    moderation: new ModerationRepository(pool),
    drafts: new DraftRepository(pool),
    staff: new StaffRepository(pool),
    sessions: new SessionRepository(pool),
    audit: new StaffAuditRepository(pool),
  };
}

export type GalleryRepositories = ReturnType<typeof galleryRepositories>;

export interface GalleryParts {
  pool: pg.Pool;
  storage: ObjectStorage;
  /** inference-service (HttpInferenceClient in server.ts; a fake in tests). */
  inference: RemixSource & DraftRemixSource;
  config: GalleryConfig;
  /** How long publishing waits for a remix's safety screen (default 15 s). */
  screenWaitMs?: number;
  /**
   * Content credentials (server.ts: repositories/c2pa-node.credentials.ts `openContentCredentials`). None: unsigned,
   * for the CLIs and the OpenAPI script, which publish nothing.
   */
  credentials?: ContentCredentials;
  /**
   * Publishing's check that an upload shows its canvas document. None: the real one (services/image-binding.ts,
   * drawn with sharp). Route tests about other things hand in one that accepts their flat test pictures.
   */
  binding?: PublishDeps['binding'];
  /**
   * The process's log (server.ts: the app's): staff login audit lines go to it at info, a creation published unsigned
   * because its signer failed at error. None: neither is logged.
   */
  log?: { info(entry: object, message: string): void; error?(entry: object, message: string): void };
  /** inference-service's print jobs. None: HttpPrintMaker at config.inferenceUrl, under the session secret. */
  prints?: PrintMaker;
}

/** The gallery's services, built once on its repositories. */
export function composeGallery(parts: GalleryParts) {
  const repos = galleryRepositories(parts.pool, parts.storage, parts.config.regions);
  const view = createCreationView(parts.config.studioName);
  const { secret, ...sessionSettings } = parts.config.visitorSessions;
  // server.ts refuses to start without a secret; the CLIs and the OpenAPI script serve no visitor, so a throwaway one does.
  const visitors = new VisitorSessions({ ...sessionSettings, secret: secret ?? randomBytes(32).toString('base64url') });
  const pseudonym = (purpose: string, value: string) => visitors.pseudonym(purpose, value);
  const creationOwner = (sessionId: string) => pseudonym('creation owner', sessionId);
  // A visitor's pseudonym as maker: the pupils' word lists, drawn by a keyed hash of the session (issue 12).
  const makerOf = makerPseudonyms(loadPseudonymWords(), pseudonym);
  // Kiosk and workshop change notices reach every gallery-api process on the database (LISTEN/NOTIFY); app.ts closes it.
  const notices = new PgNotices({ pool: parts.pool, onError: (err, message) => parts.log?.error?.({ err }, message) });
  const credentials = new SigningWithFallback(parts.credentials ?? new UnsignedCredentials('no signer was configured for this process'), (err) =>
    parts.log?.error?.({ err }, 'content credentials: signing failed, the creation is published unsigned'),
  );
  const drafts = new DraftService({
    drafts: repos.drafts,
    remixes: parts.inference,
    storage: parts.storage,
    codeHash: (code) => pseudonym('draft code', code),
    ttlMs: parts.config.draftTtlMs,
  });
  const works = createWorkService({ works: repos.works, storage: repos.storage, colouringPage: colouringPagePng });
  const regions = createWorkRegionService({ works: repos.works, storage: repos.storage, images: repos.regionImages, cache: repos.regionCache });
  // The server draws each published canvas from the images the studio showed, and refuses a picture that differs.
  const binding = parts.binding ?? new ImageBinding({
    painter: new SharpCanvasPainter(),
    images: createCanvasImages({
      works: repos.works,
      storage: repos.storage,
      regions,
      remixOutput: (id, visitor) => parts.inference.getOutput(id, visitor),
      draftRemixOutput: (code, remixId) => drafts.remixOutputOf(code, remixId),
    }),
  });
  return {
    config: parts.config,
    repositories: repos,
    /** What an import writes through (folder and museum importers). */
    importing: { works: repos.works, storage: repos.storage, images: repos.workImages } satisfies ImportDeps,
    works,
    regions,
    view,
    creations: new CreationService(repos.creations, repos.creationImages, view, creationOwner),
    publisher: new PublishService({
      works: repos.works,
      inference: parts.inference,
      images: repos.creationImages,
      binding,
      creations: repos.creations,
      studioName: parts.config.studioName,
      credentials,
      creationUrl: (id) => creationUrls(parts.config.publicUrl, id).page,
      visitorKey: creationOwner,
      makerOf,
      drafts,
      maxPendingPerVisitor: parts.config.limits.pendingPerSession,
      ...(parts.screenWaitMs !== undefined ? { screenWaitMs: parts.screenWaitMs } : {}),
    }),
    /** Change notices between gallery-api processes (kiosks, workshop pages); closed with the app. */
    notices,
    /** The maker's pseudonym a visitor session publishes under ("You publish as Blue Heron 12"). */
    makerOf,
    /** Publishing's check that an upload shows its canvas document (tests and benches read its scores). */
    binding,
    /** "Check an image" (POST /verify): reads a file's content credentials and finds the creation it is. */
    verifier: new VerifyService(credentials, repos.creations),
    moderation: new ModerationService(repos.moderation, repos.creations, view),
    /** Drafts resumed by a code; the database keeps only a keyed hash of each code. */
    drafts,
    /** "Remix this": an approved creation's works, opened as a draft the studio resumes. */
    remixThis: createRemixThis({ creations: repos.creations, works, drafts }),
    auth: new AuthService(repos.staff, repos.sessions, parts.config.sessionTtlHours, {
      backoff: new LoginBackoff(),
      backoffKey: (username, client) => pseudonym('login backoff', `${username}\n${client.address}`),
      ...(parts.log ? { audit: auditTo(parts.log) } : {}),
    }),
    /** The admin's staff page: accounts and roles, each change in the staff audit log. */
    staffAdmin: new StaffAdminService(repos.staff, repos.audit, { hash: (p) => hashPassword(p) }),
    /** Print-ready images of approved creations, upscaled by inference-service (issue 12 item 3). */
    prints: new PrintService({
      creations: repos.creations,
      maker: parts.prints ?? new HttpPrintMaker(parts.config.inferenceUrl, secret ?? randomBytes(32).toString('base64url')),
      model: PRINT_MODEL,
      publicUrl: parts.config.publicUrl,
      studioName: parts.config.studioName,
    }),
    /** Exhibitions and their kiosks, withdrawals and take-home mementos (issue 12: exhibition.composition.ts). */
    ...composeExhibitions({
      pool: parts.pool,
      creations: repos.creations,
      images: repos.creationImages,
      view,
      audit: repos.audit,
      visitorKey: creationOwner,
      publicUrl: parts.config.publicUrl,
      studioName: parts.config.studioName,
      notices,
    }),
    /** Workshops: educators, pupils' sessions and the approval queue (issue 11: workshop.composition.ts). */
    ...composeWorkshops({
      pool: parts.pool,
      storage: parts.storage,
      config: parts.config,
      audit: repos.audit,
      inference: parts.inference,
      creations: repos.creations,
      keyedHash: pseudonym,
      notices,
      publishing: {
        works: repos.works,
        inference: parts.inference,
        binding,
        studioName: parts.config.studioName,
        credentials,
        creationUrl: (id) => creationUrls(parts.config.publicUrl, id).page,
        visitorKey: creationOwner,
        drafts,
        ...(parts.screenWaitMs !== undefined ? { screenWaitMs: parts.screenWaitMs } : {}),
      },
    }),
    /** What staff did (append-only): workshops, exhibitions, withdrawals and open calls record here too. */
    audit: repos.audit,
    /** The visitor sessions (signed cookie, the same secret as inference-service's). */
    visitors,
    /** Per-session and per-address limits; gallery-api is one process, so its counters live in memory. */
    limiter: new RateLimiter(new MemoryRateCounter(), pseudonym),
    /** For GET /health: the database answers (within 3 s), and the storage has room above its minimum. */
    health: async () => {
      const [database, storage] = await Promise.all([
        databaseAnswers(parts.pool, 3_000),
        storageRoom(parts.storage, parts.config.storageMinFreeBytes),
      ]);
      return { ok: database && storage.ok, database, storage };
    },
    /** Deletes what no creation reads again (services/storage-sweeper.ts); server.ts runs it now and then. */
    sweeper: new GalleryStorageSweeper({ storage: parts.storage, creations: repos.creations, graceMs: parts.config.sweep.graceMs }),
  };
}

export type Gallery = ReturnType<typeof composeGallery>;

/** `SELECT 1` answered within `ms`: a database that hangs counts as down, as one that refuses does. */
async function databaseAnswers(pool: pg.Pool, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([pool.query('SELECT 1').then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One info line per staff login attempt (services/auth.service.ts LoginAuditEntry: no password, no address). */
const auditTo =
  (log: NonNullable<GalleryParts['log']>): LoginAudit =>
  (entry) =>
    log.info(entry, 'staff login');
