import { pino, type Logger } from 'pino';

/**
 * The log of a process that is not a fastify server (the inference worker, CLIs that run long): the same
 * pino JSON lines the APIs write, at LOG_LEVEL (default info), with the service's name on every line.
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service } });
}

export type { Logger };

/**
 * The fastify `logger` option of every server (gallery-api, inference-service, the studio server): pino JSON
 * lines at LOG_LEVEL, and request lines with method and URL only. fastify's default request serialiser adds the
 * client's address and port; a visitor's IP address is personal data, so no log line carries one (abuse is
 * handled by the rate limits, which count addresses only under a keyed hash).
 */
export function serverLoggerOptions(level: string = process.env.LOG_LEVEL ?? 'info') {
  return {
    level,
    serializers: { req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }) },
  };
}
