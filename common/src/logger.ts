import { pino, type Logger } from 'pino';

/**
 * The log of a process that is not a fastify server (the inference worker, CLIs that run long): the same
 * pino JSON lines the APIs write, at LOG_LEVEL (default info), with the service's name on every line.
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service } });
}

export type { Logger };
