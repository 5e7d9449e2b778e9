/**
 * The settings of `GET /works/:id/region` (README "Settings"), read by config.ts: which image hosts details may be
 * fetched from besides each source's own, how many bytes of detail tiles are kept, and the tests' hook.
 */
export interface RegionSettings {
  /** GALLERY_IIIF_HOSTS: comma-separated hosts (`iiif.example.org`, `*.example.org`) allowed for every source. */
  iiifHosts: string[];
  /** GALLERY_REGION_CACHE_MB (default 512): the bound of the detail tile cache, in bytes. */
  cacheBytes: number;
  /**
   * TEST_ALLOW_PRIVATE_IMAGE_HOSTS=1: details may be fetched from loopback and private addresses (the tests' fixture
   * server listens on 127.0.0.1). Off by default; never for a public server.
   */
  testAllowPrivateHosts: boolean;
}

export function regionSettings(env: NodeJS.ProcessEnv): RegionSettings {
  const mb = env.GALLERY_REGION_CACHE_MB?.trim() ? Number(env.GALLERY_REGION_CACHE_MB) : 512;
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`GALLERY_REGION_CACHE_MB must be a number of megabytes above 0, got "${env.GALLERY_REGION_CACHE_MB}"`);
  return {
    iiifHosts: (env.GALLERY_IIIF_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    cacheBytes: Math.floor(mb * 1024 * 1024),
    testAllowPrivateHosts: env.TEST_ALLOW_PRIVATE_IMAGE_HOSTS === '1',
  };
}

export const DEFAULT_REGION_SETTINGS: RegionSettings = regionSettings({});
