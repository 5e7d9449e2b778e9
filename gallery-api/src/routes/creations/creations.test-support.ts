import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type pg from 'pg';
import { LocalDirStorage } from '@atelier/common';
import { galleryApp } from '../../app';
import { loadConfig } from '../../config';
import { createTestDatabase, type TestDatabase } from '../../db/test-database';
import type { InferenceClient, RemixRecord } from '../../repositories/inference.client';
import { StaffRepository } from '../../repositories/staff.repository';
import { hashPassword } from '../../services/password';
import type { PublishRequest } from '../../services/creation';

/** Shared setup for the gallery route tests: a real Postgres clone, a temp storage dir, a fake inference-service. */

export class FakeInference implements InferenceClient {
  readonly remixes = new Map<string, RemixRecord>();
  reachable = true;
  async getRemix(id: string): Promise<RemixRecord | null> {
    if (!this.reachable) throw new Error('connect ECONNREFUSED');
    return this.remixes.get(id) ?? null;
  }
}

export interface TestGallery {
  app: FastifyInstance;
  db: TestDatabase;
  pool: pg.Pool;
  storageDir: string;
  inference: FakeInference;
  close(): Promise<void>;
}

export async function startTestGallery(opts: { trustProxy?: boolean } = {}): Promise<TestGallery> {
  const db = await createTestDatabase();
  const storageDir = await mkdtemp(join(tmpdir(), 'atelier-gallery-'));
  const inference = new FakeInference();
  const app = Fastify({ logger: false, trustProxy: opts.trustProxy ?? false });
  await app.register(galleryApp, {
    pool: db.pool,
    storage: new LocalDirStorage(storageDir),
    inference,
    config: { ...loadConfig({}), cookieSecure: false, sessionTtlHours: 1 },
  });
  await app.ready();
  return {
    app,
    db,
    pool: db.pool,
    storageDir,
    inference,
    close: async () => {
      await app.close();
      await db.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

export type Family = 'cc0' | 'pdm' | 'by' | 'by-sa';
const URIS: Record<Family, string> = {
  cc0: 'https://creativecommons.org/publicdomain/zero/1.0/',
  pdm: 'https://creativecommons.org/publicdomain/mark/1.0/',
  by: 'https://creativecommons.org/licenses/by/4.0/',
  'by-sa': 'https://creativecommons.org/licenses/by-sa/4.0/',
};
const LABELS: Record<Family, string> = { cc0: 'CC0 1.0', pdm: 'Public Domain Mark 1.0', by: 'CC BY 4.0', 'by-sa': 'CC BY-SA 4.0' };

/** Inserts a collection work directly (the collection importer is another team's code). */
export async function insertWork(pool: pg.Pool, id: string, family: Family | 'refused', title = `Work ${id}`): Promise<void> {
  const refused = family === 'refused';
  await pool.query(
    `INSERT INTO collection_works (id, source, source_id, title, creator, date_display, institution, landing_url,
       licence_status, licence_uri, licence_family, licence_label, refusal_reason, credit, image_sha256)
     VALUES ($1, 'test', $1, $2, 'Jan Steen', '1665', 'Rijksmuseum', $3, $4, $5, $6, $7, $8, NULL, 'abc')`,
    [
      id,
      title,
      `https://museum.example/works/${id}`,
      refused ? 'refused' : 'accepted',
      refused ? null : URIS[family],
      refused ? null : family,
      refused ? null : LABELS[family],
      refused ? 'Non-commercial licence.' : null,
    ],
  );
}

export async function createStaff(pool: pg.Pool, username: string, password: string): Promise<void> {
  // Cheap scrypt parameters: the stored string carries them, so login verifies with the same ones.
  const passwordHash = await hashPassword(password, { N: 1024, r: 8, p: 1 });
  await new StaffRepository(pool).create({ username, passwordHash, role: 'moderator' });
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/gallery/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'atelier_session');
  return `atelier_session=${cookie!.value}`;
}

export const pngOf = (width = 64, height = 48): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: '#b4533a' } }).png().toBuffer();

export function publishMeta(overrides: Partial<PublishRequest> = {}, workIds: string[] = []): PublishRequest {
  return {
    requestId: randomUUID(),
    title: 'Harbour at dusk',
    altText: 'A harbour painted over with orange strokes.',
    licence: 'by-sa',
    remixIds: [],
    document: {
      schemaVersion: 1,
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
export async function publishForm(
  meta: unknown,
  image: Uint8Array | null,
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  form.append('meta', typeof meta === 'string' ? meta : JSON.stringify(meta));
  if (image) form.append('image', new Blob([image], { type: 'image/png' }), 'creation.png');
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

export function completedRemix(id: string, styleWorkId: string, workIds: string[]): RemixRecord {
  return {
    id,
    status: 'completed',
    model: { id: 'magenta-arbitrary-style', version: '1.0.0', files: [{ name: 'predict.onnx', sha256: 'a'.repeat(64) }] },
    params: { styleWorkId, strength: 0.7 },
    workIds,
    inputSha256: 'b'.repeat(64),
    output: { url: `/api/inference/remixes/${id}/output.png`, sha256: 'c'.repeat(64), width: 64, height: 48 },
    createdAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:05.000Z',
  };
}
