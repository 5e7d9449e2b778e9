import { resolve } from 'node:path';
import { isHttpsUrl, publicOrigins } from '@atelier/common/origin';
import { regionSettings, type RegionSettings } from './region-config';

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
  /** Public origin for absolute URLs (JSON-LD, ATELIER_PUBLIC_URL); without it, the request's own origin is used. */
  publicUrl: string | null;
  /** Details (GET /works/:id/region): allowed image hosts, the tile cache's bound (region-config.ts). */
  regions: RegionSettings;
  /** Where staff POSTs may come from (their `Origin`): the public URL's origin and ATELIER_ALLOWED_ORIGINS. */
  allowedOrigins: string[];
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
    publicUrl: env.ATELIER_PUBLIC_URL?.trim().replace(/\/$/, '') || null,
    regions: regionSettings(env),
    allowedOrigins: publicOrigins(env),
  };
}
