import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@atelier/contracts/staff.schema';
import { readdir } from 'node:fs/promises';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import type pg from 'pg';
import { serverLoggerOptions } from '@atelier/common/logger';
import { TEST_SESSION_SECRET, testVisitor, testVisitorSessions, type TestVisitor } from '@atelier/common/testing/visitors';
import type { PublishRequestInput } from '@atelier/contracts/creation.schema';
import type { LicenceFamily } from '@atelier/contracts/licences';
import { galleryApp } from '../app';
import { composeGallery, type Gallery, type GalleryParts } from '../composition';
import { loadConfig, type GalleryLimits } from '../config';
import type { TestDatabase } from '../db/test-database';
import type { WorkRecord } from '../services/collection-import.service';
import type { CollectionWork } from '../services/collection-work';
import type { LoginAuditEntry } from '../services/auth.service';
import { FakeRemixSource } from '../services/creation.fakes';
import { hashPassword } from '../services/password';
import type { DraftRemixSource } from '../services/draft.service';
import type { ContentCredentials } from '../services/content-credentials';
import type { RemixSource } from '../services/publish.service';
import { workOf } from '../services/work.fakes';
import { startTestCollection } from './test-collection';

/**
 * Test support for the route and cross-service tests: the real app from the composition root on a clone of the
 * migrated Postgres template, a temporary storage folder, and inference-service played by FakeRemixSource (or by
 * whatever `inference` a test hands in, such as HttpInferenceClient on a test server).
 */
export interface TestGallery {
  app: FastifyInstance;
  gallery: Gallery;
  db: TestDatabase;
  pool: pg.Pool;
  storageDir: string;
  /** inference-service, unless the test handed in its own; it serves its remixes to `visitor`. */
  remixes: FakeRemixSource;
  /** The visitor (a signed session cookie) `publish` sends as by default; `newVisitor()` makes another. */
  visitor: TestVisitor;
  newVisitor(): TestVisitor;
  /** The staff login audit lines written so far. */
  audit: LoginAuditEntry[];
  /** The studio's origin as a browser sends it (`Origin`) on staff POSTs; others are answered 403. */
  origin: string;
  close(): Promise<void>;
  /** Stores a collection work as an import would (accepted under a family, or refused). */
  addWork(id: string, family: LicenceFamily | 'refused', extra?: Partial<CollectionWork>): Promise<void>;
  /** A staff account with a role (default moderator). */
  addStaff(username: string, password: string, role?: StaffRole): Promise<void>;
  /** Logs in; answers the cookie header. */
  login(username: string, password: string): Promise<string>;
  /** Creates each account with its role on one password and logs each in: the cookie headers by username. */
  staffSessions<N extends string>(accounts: readonly (readonly [N, StaffRole])[], password: string): Promise<Record<N, string>>;
  /**
   * POST /creations as a browser sends it (`meta` may be a raw string; a null image leaves the file out), as
   * `visitor` (by default the test's visitor; null: a browser without a session yet).
   */
  publish(meta: unknown, image?: Uint8Array | null, query?: string, visitor?: TestVisitor | null): Promise<LightMyRequestResponse>;
  decide(id: string, cookie: string, payload: unknown): Promise<LightMyRequestResponse>;
}

export interface TestGalleryOptions {
  /** fastify's `trustProxy` (false by default; server.ts uses config.trustProxy). */
  trustProxy?: boolean | string;
  inference?: RemixSource & DraftRemixSource;
  screenWaitMs?: number;
  /** The environment the config is read from (none by default: every setting at its default). */
  env?: NodeJS.ProcessEnv;
  /** Abuse limits; all off unless a test sets them. */
  limits?: Partial<GalleryLimits>;
  /** The app logs as server.ts configures it, into this stream (else it logs nothing and `audit` collects). */
  logStream?: { write(line: string): void };
  /** Storage in this folder (kept on close) instead of a fresh temporary one. */
  storageDir?: string;
  /** Content credentials (C2PA signing); unsigned unless a test hands in a signer. */
  credentials?: ContentCredentials;
  /**
   * Check every upload against the server's render of its document (services/image-binding.ts), as production
   * does. Off by default: the route tests about other things publish a flat `pngOf()` with documents whose works
   * have no stored images, which is exactly the forged case the check refuses; the binding's own tests turn it on.
   */
  bindImages?: boolean;
}

/** Accepts any picture: for route tests whose uploads are not drawings of their documents (see `bindImages`). */
export const ACCEPT_ANY_PICTURE: NonNullable<GalleryParts['binding']> = { check: async () => ({ mean: 0, worst: 0, placed: [] }) };

const NO_LIMITS: GalleryLimits = {
  publishPerSession: 0,
  publishPerAddress: 0,
  pendingPerSession: 0,
  loginPerAddress: 0,
  draftSavePerSession: 0,
  draftSavePerAddress: 0,
  draftOpenPerAddress: 0,
  verifyPerAddress: 0,
};

export async function startTestGallery(opts: TestGalleryOptions = {}): Promise<TestGallery> {
  const { db, storage, storageDir, close } = await startTestCollection(opts.storageDir ? { storageDir: opts.storageDir } : {});
  const visitor = testVisitor(testVisitorSessions());
  const remixes = new FakeRemixSource(visitor.session.token);
  const audit: LoginAuditEntry[] = [];
  const loaded = loadConfig(opts.env ?? {});
  const app = Fastify({
    logger: opts.logStream ? { ...serverLoggerOptions('info'), stream: opts.logStream } : false,
    trustProxy: opts.trustProxy ?? false,
  });
  const gallery = composeGallery({
    pool: db.pool,
    storage,
    inference: opts.inference ?? remixes,
    config: {
      ...loaded,
      sessionTtlHours: 1,
      visitorSessions: { ...loaded.visitorSessions, secret: TEST_SESSION_SECRET },
      limits: { ...NO_LIMITS, ...opts.limits },
    },
    log: opts.logStream ? app.log : { info: (entry) => audit.push(entry as LoginAuditEntry) },
    ...(opts.screenWaitMs !== undefined ? { screenWaitMs: opts.screenWaitMs } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.bindImages ? {} : { binding: ACCEPT_ANY_PICTURE }),
  });
  await app.register(galleryApp, gallery);
  await app.ready();
  const png = await pngOf();
  const t: TestGallery = {
    app,
    gallery,
    db,
    pool: db.pool,
    storageDir,
    remixes,
    visitor,
    newVisitor: () => testVisitor(gallery.visitors),
    audit,
    origin: gallery.config.allowedOrigins[0]!,
    async close() {
      await app.close();
      await close();
    },
    async addWork(id, family, extra = {}) {
      const work = workOf(id, family, {
        creator: 'Jan Steen',
        dateDisplay: '1665',
        institution: 'Rijksmuseum',
        landingUrl: `https://museum.example/works/${id}`,
        ...extra,
      });
      const { createdAt: _c, updatedAt: _u, ...record } = work;
      await gallery.repositories.works.upsert(record satisfies WorkRecord);
    },
    async addStaff(username, password, role = 'moderator') {
      // Cheap scrypt parameters: the stored string carries them, so login verifies with the same ones.
      const passwordHash = await hashPassword(password, { N: 1024, r: 8, p: 1 });
      await gallery.repositories.staff.create({ username, passwordHash, role });
    },
    async login(username, password) {
      const res = await app.inject({ method: 'POST', url: '/api/gallery/auth/login', payload: { username, password }, headers: { origin: t.origin } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return `atelier_session=${res.cookies.find((c) => c.name === 'atelier_session')!.value}`;
    },
    async staffSessions<N extends string>(accounts: readonly (readonly [N, StaffRole])[], password: string) {
      const cookies = {} as Record<N, string>;
      for (const [name, role] of accounts) {
        await t.addStaff(name, password, role);
        cookies[name] = await t.login(name, password);
      }
      return cookies;
    },
    async publish(meta, image = png, query = '', as = visitor) {
      const form = await publishForm(meta, image);
      return app.inject({ method: 'POST', url: `/api/gallery/creations${query}`, payload: form.payload, headers: { ...form.headers, ...as?.headers } });
    },
    decide: (id, cookie, payload) =>
      app.inject({
        method: 'POST',
        url: `/api/gallery/moderation/creations/${id}/decision`,
        headers: { cookie, origin: t.origin },
        payload: payload as object,
      }),
  };
  return t;
}

export const pngOf = (width = 64, height = 48): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: '#b4533a' } }).png().toBuffer();

/** A publish request as the studio sends it: the works as layers, and one stroke. */
export function publishMeta(overrides: Partial<PublishRequestInput> = {}, workIds: string[] = []): PublishRequestInput {
  return {
    requestId: randomUUID(),
    title: 'Harbour at dusk',
    altText: 'A harbour painted over with orange strokes.',
    licence: 'by-sa',
    remixIds: [],
    document: {
      schemaVersion: 2,
      width: 64,
      height: 48,
      layers: [
        ...workIds.map((workId, i) => ({ id: `w${i}`, kind: 'work' as const, workId, x: 0, y: 0, scale: 1, rotation: 0 })),
        { id: 's', kind: 'strokes' as const, strokes: [{ points: [0, 0, 10, 10], color: '#000', size: 4 }] },
      ],
    },
    ...overrides,
  };
}

/** A multipart body as a browser would send it. */
export async function publishForm(meta: unknown, image: Uint8Array | null): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  form.append('meta', typeof meta === 'string' ? meta : JSON.stringify(meta));
  if (image) form.append('image', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'creation.png');
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}

export async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

export async function countRows(pool: pg.Pool): Promise<{ creations: number; ingredients: number; events: number }> {
  const { rows } = await pool.query<{ creations: number; ingredients: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM creations) AS creations,
            (SELECT count(*)::int FROM creation_ingredients) AS ingredients,
            (SELECT count(*)::int FROM moderation_events) AS events`,
  );
  return rows[0]!;
}
