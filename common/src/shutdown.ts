import type { FastifyBaseLogger } from 'fastify';

/**
 * Closes a service once on SIGINT/SIGTERM: `close` stops accepting work and releases connections, in the
 * order the caller gives. A second signal while closing is ignored so cleanup is never interrupted half-way.
 */
export function closeOnSignals(log: Pick<FastifyBaseLogger, 'info' | 'error'>, close: () => Promise<unknown>): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
