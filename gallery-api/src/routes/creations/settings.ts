import type { FastifyRequest } from 'fastify';

/** What creations need to know about the studio they are published in. */
export interface StudioSettings {
  /** Credited as the author's studio: "a visitor of {studioName}". */
  studioName: string;
  /** Public origin for absolute URLs (JSON-LD); without it, the request's own origin is used. */
  publicUrl: string | null;
}

export function loadStudioSettings(env: NodeJS.ProcessEnv = process.env): StudioSettings {
  return {
    studioName: env.ATELIER_NAME?.trim() || 'Open Atelier',
    publicUrl: env.ATELIER_PUBLIC_URL?.trim().replace(/\/$/, '') || null,
  };
}

export function baseUrlOf(request: FastifyRequest, settings: StudioSettings): string {
  return settings.publicUrl ?? `${request.protocol}://${request.host}`;
}
