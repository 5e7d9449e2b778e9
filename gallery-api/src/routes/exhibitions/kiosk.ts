import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '@atelier/common/errors';
import { openSseResponse } from '@atelier/common/sse-response';
import { exhibitionParams, kioskManifestSchema, type KioskManifest } from '@atelier/contracts/exhibition.schema';
import type { RouteDeps } from '../deps';

/** How often an open kiosk stream says it is alive (a comment line), so proxies and the screen see a dead one. */
export const KIOSK_HEARTBEAT_MS = 20_000;
/** What an EventSource waits before reconnecting after the stream dropped (the SSE `retry:` field). */
export const KIOSK_RETRY_MS = 3_000;

/**
 * A kiosk's two reads of an exhibition on view:
 * - GET /exhibitions/:id/kiosk: the manifest (slides and settings), with its version as ETag (304 when unchanged);
 * - GET /exhibitions/:id/kiosk/events: server-sent events, `manifest` at once and again whenever what it shows
 *   changed (a save, a withdrawal), `gone` when it is no longer on view.
 * Events rather than polling: a withdrawal reaches running screens at once, and a screen that lost the server
 * reconnects (the studio's kiosk backs off and retries) and is sent the current manifest on connecting, so it picks
 * up whatever changed meanwhile. Changes are announced over Postgres (repositories/pg-notices.ts), so a kiosk hears a
 * withdrawal made on any gallery-api process.
 */
export const kioskRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { exhibitions } = gallery;

  app.get(
    '/exhibitions/:id/kiosk',
    // No response schema: it answers 304 too; the body goes through kioskManifestSchema below.
    { schema: { tags: ['exhibitions'], params: exhibitionParams } },
    async (req, reply) => {
      const manifest = kioskManifestSchema.parse(await exhibitions.kioskManifest(req.params.id));
      const etag = `"${manifest.version}"`;
      reply.header('ETag', etag).header('Cache-Control', 'no-cache');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(manifest));
    },
  );

  const open = new Set<() => void>();
  // Before the server waits for its connections to end: an open stream would hold a graceful shutdown forever.
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  app.get(
    '/exhibitions/:id/kiosk/events',
    { schema: { tags: ['exhibitions'], params: exhibitionParams } },
    async (req, reply) => {
      const id = req.params.id.toLowerCase();
      let last = await exhibitions.kioskManifest(id); // 404 before anything is written
      const sse = openSseResponse(req, reply, {
        heartbeatMs: KIOSK_HEARTBEAT_MS,
        retryMs: KIOSK_RETRY_MS,
        onClose: () => {
          unsubscribe();
          open.delete(close);
        },
      });
      const close = () => sse.close();
      const send = sse.send;
      send('manifest', kioskManifestSchema.parse(last));

      let checking = Promise.resolve();
      const recheck = () =>
        (checking = checking.then(async () => {
          if (sse.closed) return;
          let next: KioskManifest;
          try {
            next = await exhibitions.kioskManifest(id);
          } catch (err) {
            if (err instanceof HttpError && err.statusCode === 404) {
              send('gone', { exhibitionId: id });
              return close();
            }
            // The database is away: the screen keeps what it shows; the next change (or reconnect) tries again.
            req.log.warn({ err }, 'kiosk manifest unavailable');
            return;
          }
          if (next.version !== last.version) send('manifest', kioskManifestSchema.parse((last = next)));
        }));
      // A change made by any gallery-api process (change notices over Postgres); after a gap in them, read again.
      const unsubscribe = exhibitions.onChange(
        (ids) => {
          if (ids.includes(id)) void recheck();
        },
        () => void recheck(),
      );
      open.add(close);
    },
  );
};
