import { resolve } from 'node:path';
import { isHttpsUrl, publicBaseUrl, publicOrigins } from '@atelier/common/origin';
import { minFreeBytes } from '@atelier/common/storage-room';
import { regionSettings, type RegionSettings } from './region-config';
import { workshopSettings, type WorkshopSettings } from './workshop-config';
import { visitorSessionSettings, type VisitorSessionSettings } from '@atelier/common/visitor-session';

/** Everything the gallery reads from the environment, read once. Secrets never have defaults. */
export interface GalleryConfig {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /** PGlite data directory used when DATABASE_URL is unset (`memory://` keeps nothing). */
  pgliteDir: string;
  storageDir: string;
  inferenceUrl: string;
  /** Secure cookies need HTTPS: always when the public URL is https (or COOKIE_SECURE=true); off for plain-http local runs. */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /** Credited as the author's studio: "a visitor of {studioName}" (ATELIER_NAME). */
  studioName: string;
  /** The base of absolute URLs (JSON-LD, IIIF, QR codes): ATELIER_PUBLIC_URL, else the studio on this machine. */
  publicUrl: string;
  /** Details (GET /works/:id/region): allowed image hosts, the tile cache's bound (region-config.ts). */
  regions: RegionSettings;
  /** Where staff POSTs may come from (their `Origin`): the public URL's origin and ATELIER_ALLOWED_ORIGINS. */
  allowedOrigins: string[];
  /** Visitor sessions (common/visitor-session.ts): the secret is null when unset; server.ts refuses to start then. */
  visitorSessions: Omit<VisitorSessionSettings, 'secret'> & { secret: string | null };
  /** The proxies allowed to set X-Forwarded-For (fastify `trustProxy`): the studio server; loopback by default. */
  trustProxy: string;
  /** Abuse limits (README "Limits"); 0 switches one off. */
  limits: GalleryLimits;
  /** Below this much free room in storage, publishes are refused (507) before they are read and /health answers 503. */
  storageMinFreeBytes: number;
  /** The storage sweep (services/storage-sweeper.ts): how often (0 = never), and how old a leftover must be to go. */
  sweep: { intervalMs: number; graceMs: number };
  /** How long a saved draft is kept (DRAFT_TTL_DAYS); the sweep deletes it after. */
  draftTtlMs: number;
  /** Content credentials (C2PA) on published images (README "Content credentials"). */
  c2pa: C2paSettings;
  /** Workshops: retention of pupils' data and the join limit (workshop-config.ts). */
  workshops: WorkshopSettings;
}

export interface C2paSettings {
  /** `c2pa` signs (falls back to unsigned where the native module cannot load); `off` publishes unsigned. */
  mode: 'c2pa' | 'off';
  /** The museum's chain (PEM, signing certificate first) and private key (PEM, PKCS#8); unset: the development chain. */
  certChainPath: string | null;
  privateKeyPath: string | null;
  alg: 'es256' | 'es384' | 'es512' | 'ps256' | 'ps384' | 'ps512' | 'ed25519';
  /** PEM roots whose signers are shown as trusted (e.g. the C2PA trust list); unset: none is. */
  trustAnchorsPath: string | null;
  /** Where the development chain is made at first start. */
  devDir: string;
}

const C2PA_ALGS = ['es256', 'es384', 'es512', 'ps256', 'ps384', 'ps512', 'ed25519'] as const;

function c2paSettings(env: NodeJS.ProcessEnv): C2paSettings {
  const mode = env.C2PA_SIGNING?.trim() || 'c2pa';
  if (mode !== 'c2pa' && mode !== 'off') throw new Error(`C2PA_SIGNING must be c2pa or off, got "${mode}"`);
  const alg = (env.C2PA_SIGNING_ALG?.trim() || 'es256') as C2paSettings['alg'];
  if (!C2PA_ALGS.includes(alg)) throw new Error(`C2PA_SIGNING_ALG must be one of ${C2PA_ALGS.join(', ')}, got "${alg}"`);
  const certChainPath = env.C2PA_CERT_CHAIN?.trim() || null;
  const privateKeyPath = env.C2PA_PRIVATE_KEY?.trim() || null;
  if (!certChainPath !== !privateKeyPath) throw new Error('C2PA_CERT_CHAIN and C2PA_PRIVATE_KEY are set together or not at all');
  return {
    mode,
    certChainPath,
    privateKeyPath,
    alg,
    trustAnchorsPath: env.C2PA_TRUST_ANCHORS?.trim() || null,
    devDir: env.C2PA_DEV_DIR ?? resolve(REPO_ROOT, '.atelier/c2pa'),
  };
}

export interface GalleryLimits {
  /** POST /creations per visitor session, and per client address, in a 10-minute window. */
  publishPerSession: number;
  publishPerAddress: number;
  /** Creations one visitor session may have waiting for moderation. */
  pendingPerSession: number;
  /** POST /auth/login per client address per minute (failed logins also back off per account, services/login-backoff.ts). */
  loginPerAddress: number;
  /** POST /drafts per visitor session and per client address in 10 minutes. */
  draftSavePerSession: number;
  draftSavePerAddress: number;
  /** POST /drafts/open (a code) per client address in 10 minutes: what bounds guessing codes. */
  draftOpenPerAddress: number;
  /** POST /verify (check an image) per client address in 10 minutes. */
  verifyPerAddress: number;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}

function days(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} must be a number of days > 0, got "${value}"`);
  return n;
}

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GalleryConfig {
  return {
    host: env.GALLERY_HOST ?? '127.0.0.1',
    port: Number(env.GALLERY_PORT ?? 4000),
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.GALLERY_PGLITE_DIR ?? resolve(REPO_ROOT, '.atelier/pglite'),
    storageDir: env.GALLERY_STORAGE_DIR ?? resolve(REPO_ROOT, '.atelier/storage/gallery'),
    inferenceUrl: (env.INFERENCE_URL ?? 'http://127.0.0.1:4100').replace(/\/$/, ''),
    cookieSecure: (env.COOKIE_SECURE ?? 'auto') === 'true' || isHttpsUrl(env.ATELIER_PUBLIC_URL),
    sessionTtlHours: Number(env.STAFF_SESSION_TTL_HOURS ?? 12),
    studioName: env.ATELIER_NAME?.trim() || 'Open Atelier',
    publicUrl: publicBaseUrl(env),
    regions: regionSettings(env),
    allowedOrigins: publicOrigins(env),
    visitorSessions: visitorSessionSettings(env),
    trustProxy: env.TRUST_PROXY?.trim() || 'loopback',
    limits: {
      publishPerSession: count(env, 'PUBLISH_RATE_LIMIT_PER_SESSION', 5),
      publishPerAddress: count(env, 'PUBLISH_RATE_LIMIT_PER_ADDRESS', 60),
      pendingPerSession: count(env, 'PUBLISH_SESSION_MAX_PENDING', 5),
      loginPerAddress: count(env, 'LOGIN_RATE_LIMIT_PER_ADDRESS', 30),
      draftSavePerSession: count(env, 'DRAFT_SAVE_RATE_LIMIT_PER_SESSION', 10),
      draftSavePerAddress: count(env, 'DRAFT_SAVE_RATE_LIMIT_PER_ADDRESS', 120),
      draftOpenPerAddress: count(env, 'DRAFT_OPEN_RATE_LIMIT_PER_ADDRESS', 60),
      verifyPerAddress: count(env, 'VERIFY_RATE_LIMIT_PER_ADDRESS', 60),
    },
    storageMinFreeBytes: minFreeBytes(env, 'GALLERY_STORAGE_MIN_FREE_MB', 100),
    sweep: {
      intervalMs: count(env, 'GALLERY_SWEEP_INTERVAL_MIN', 60) * 60_000,
      graceMs: Math.max(1, count(env, 'GALLERY_ORPHAN_GRACE_MIN', 60)) * 60_000,
    },
    draftTtlMs: days(env, 'DRAFT_TTL_DAYS', 14) * 86_400_000,
    c2pa: c2paSettings(env),
    workshops: workshopSettings(env),
  };
}
