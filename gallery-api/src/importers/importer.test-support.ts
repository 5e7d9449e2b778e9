import { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import type { HarvestOptions, SourceImporter } from './remote-source';

/**
 * Test support for importer unit tests: a museum API as a table of answers (by URL path, query ignored unless the
 * key has one), served through the real HttpFetcher on an in-memory fetch, and a harvest that collects what it yields
 * and what it reports. Nothing listens.
 */
export type Answer = unknown | ((url: URL) => unknown);

export function memoryFetcher(answers: Record<string, Answer>): { http: HttpFetcher; asked: string[] } {
  const asked: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    asked.push(url.pathname + url.search);
    const key = [url.pathname + url.search, url.pathname].find((k) => k in answers);
    if (key === undefined) return new Response('{"message":"not found"}', { status: 404 });
    const answer = answers[key];
    const body = typeof answer === 'function' ? (answer as (u: URL) => unknown)(url) : answer;
    if (body instanceof Response) return body;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 });
  }) as typeof globalThis.fetch;
  return { http: new HttpFetcher({ fetch, userAgent: 'test', maxRetries: 0, sleep: async () => undefined }), asked };
}

export interface Harvested {
  candidates: ImportCandidate[];
  reported: { sourceId: string; reason: string }[];
}

export async function harvestAll(importer: SourceImporter, http: HttpFetcher, opts: Omit<HarvestOptions, 'report'>): Promise<Harvested> {
  const reported: Harvested['reported'] = [];
  const candidates: ImportCandidate[] = [];
  for await (const c of importer.harvest(http, { ...opts, report: (sourceId, reason) => reported.push({ sourceId, reason }) })) candidates.push(c);
  return { candidates, reported };
}

export const BASE = 'https://museum.test/api';
