/**
 * `npm run bench:gallery`: the public gallery's list page (issue 16 item 7). One creation is stored through the
 * gallery-api repository (a canvas document of ~4.6 KB, one collection work), cloned to 2,000 approved creations, then
 * pages of 24 are asked for with 16 clients at once: through the gallery-api route, and beside it a bare fastify +
 * pg route running the repository's own SQL (rows straight to JSON), the two alternating BENCH_ROUNDS times with the
 * load average beside each, and the same bare route selecting every column of a creation (what a list read before
 * summaries). Req/s and latency, side by side in one run; asserts nothing.
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { CANVAS_SCHEMA_VERSION } from '@atelier/contracts/canvas';
import { CREATION_COUNT_QUERY, CREATION_COUNT_SQL, CREATION_SUMMARY_PAGE_QUERY } from '@atelier/gallery-api/repositories/creation.repository';
import { prepareTemplateDatabase } from '@atelier/gallery-api/db/test-database';
import { startTestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { workCredit } from '@atelier/contracts/credit';
import { creditWorkOf, type VisibleWork } from '@atelier/gallery-api/services/collection-work';
import { buildProvenance } from '@atelier/gallery-api/services/provenance';
import { fmt, median, percentile } from './stats';
import { summary } from './summary';

const CREATIONS = Number(process.env.BENCH_CREATIONS ?? 2000);
const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const PAGE = 24;
/** Route and bare route alternate this many times per page (the order swapped each round), so a noisy machine shows as a range. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_SECONDS = 8;

/** A drawn canvas as visitors leave it: a work and ~4.6 KB of strokes. */
function drawnDocument(workId: string) {
  const stroke = (i: number) => ({ points: Array.from({ length: 40 }, (_, k) => Math.round(100 + 300 * Math.sin(i + k / 7))), color: '#1d4e89', size: 6 });
  return {
    schemaVersion: CANVAS_SCHEMA_VERSION,
    width: 1024,
    height: 1024,
    layers: [
      { id: 'w0', kind: 'work' as const, workId, x: 0, y: 0, scale: 1, rotation: 0 },
      { id: 's', kind: 'strokes' as const, strokes: Array.from({ length: 28 }, (_, i) => stroke(i)) },
    ],
  };
}

/**
 * `CLIENTS` loops asking `url` for `SECONDS` after a one-second warm-up: requests per second, latencies, and this
 * process's CPU per request (both servers and the clients live in it; steadier than req/s on a shared machine).
 */
async function load(url: string, seconds = SECONDS): Promise<{ rps: number; p50: number; p95: number; bytes: number; cpuMs: number }> {
  let bytes = 0;
  const run = async (until: number, samples: number[] | null) => {
    while (performance.now() < until) {
      const t = performance.now();
      const res = await fetch(url);
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      bytes = body.byteLength;
      samples?.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, () => run(performance.now() + 1000, null)));
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, () => run(start + seconds * 1000, samples)));
  const { user, system } = process.cpuUsage(cpu);
  const cpuMs = (user + system) / 1000 / samples.length;
  return { rps: samples.length / ((performance.now() - start) / 1000), p50: percentile(samples, 50), p95: percentile(samples, 95), bytes, cpuMs };
}

async function main(): Promise<void> {
  await prepareTemplateDatabase();
  const g = await startTestGallery();
  const bare = Fastify();
  try {
    await g.addWork('open-1', 'cc0');
    // Stored through the repository as publishing stores it (the publish route's checks are not what is measured).
    const id = randomUUID();
    const createdAt = new Date();
    const work = (await g.gallery.repositories.works.findById('open-1'))!;
    const ingredient = {
      workId: work.id, role: 'composed' as const, title: work.title, creator: work.creator, date: work.dateDisplay, institution: work.institution,
      landingUrl: work.landingUrl, licenceUri: work.licenceUri!, credit: workCredit(creditWorkOf(work as VisibleWork), 'en'),
    };
    const provenance = buildProvenance({
      creationId: id, createdAt, output: { sha256: 'e'.repeat(64), width: 1024, height: 1024, bytes: 250_000 }, ingredients: [ingredient],
      composedWorkIds: [work.id], strokes: 28, remixes: [], licence: { id: 'cc0', uri: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      credit: { title: 'Bench creation', studioName: g.gallery.config.studioName },
    });
    await g.gallery.repositories.creations.insert({
      id, requestId: randomUUID(), title: 'Bench creation', altText: 'Strokes over a work.', licenceId: 'cc0', licenceUri: provenance.licence.uri,
      creditLine: provenance.creditLine, width: 1024, height: 1024, imageSha256: 'e'.repeat(64),
      imageKeys: { thumb: `creations/${id}/thumb.webp`, working: `creations/${id}/working.webp`, full: `creations/${id}/full.png` },
      credentials: null, provenance, safety: null, visitorKey: null, createdAt, ingredients: [{ workId: work.id, role: 'composed' }],
      document: drawnDocument('open-1'),
    });
    await g.pool.query(
      `INSERT INTO creations (id, request_id, title, alt_text, licence_id, licence_uri, credit_line, status, width, height, image_sha256,
         image_keys, document, provenance, created_at, decided_at, safety_flagged, safety, visitor_key)
       SELECT gen_random_uuid(), gen_random_uuid(), title || ' ' || i, alt_text, licence_id, licence_uri, credit_line, 'approved', width,
         height, image_sha256, image_keys, document, provenance, created_at - make_interval(secs => i), now(), safety_flagged, safety, visitor_key
         FROM creations, generate_series(1, $2::int) AS i WHERE id = $1`,
      [id, CREATIONS],
    );
    await g.pool.query('VACUUM ANALYZE creations'); // as autovacuum would: statistics and the visibility map
    const sizes = await g.pool.query<{ doc: number; prov: number }>(
      'SELECT avg(pg_column_size(document))::int AS doc, avg(pg_column_size(provenance))::int AS prov FROM creations',
    );

    // The anchor: the same SQL (the same named statements) on a bare route, rows as pg gives them; and every column, as
    // lists read before.
    bare.get('/same-sql', async (req) => {
      const offset = (Number((req.query as { page?: string }).page ?? 1) - 1) * PAGE;
      const [page, count] = await Promise.all([
        g.pool.query({ ...CREATION_SUMMARY_PAGE_QUERY, values: ['approved', PAGE, offset] }),
        g.pool.query({ ...CREATION_COUNT_QUERY, values: ['approved'] }),
      ]);
      return { items: page.rows, total: count.rows[0].n };
    });
    bare.get('/every-column', async (req) => {
      const offset = (Number((req.query as { page?: string }).page ?? 1) - 1) * PAGE;
      const [page, count] = await Promise.all([
        g.pool.query('SELECT * FROM creations WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3', ['approved', PAGE, offset]),
        g.pool.query(CREATION_COUNT_SQL, ['approved']),
      ]);
      return { items: page.rows, total: count.rows[0].n };
    });
    const galleryUrl = await g.app.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

    console.log(`gallery list pages · ${CREATIONS + 1} approved creations (document ~${sizes.rows[0]!.doc} B, provenance ~${sizes.rows[0]!.prov} B stored) · ${PAGE} a page · ${CLIENTS} clients · ${SECONDS} s each`);
    console.log(`${''.padEnd(58)}${'req/s'.padStart(8)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'answer'.padStart(10)}${'CPU/req'.padStart(9)}${'load 1m'.padStart(9)}`);
    const row = (label: string, r: Awaited<ReturnType<typeof load>>) =>
      console.log(`${label.padEnd(58)}${r.rps.toFixed(0).padStart(8)}${fmt(r.p50)}${fmt(r.p95)}${`${(r.bytes / 1024).toFixed(1)} KB`.padStart(10)}${`${r.cpuMs.toFixed(2)} ms`.padStart(9)}${loadavg()[0]!.toFixed(1).padStart(9)}`);
    // Both sides warmed first, one after the other (pooled connections, planned statements, and the JIT: the route's
    // CPU a request settled only after ~8 s of load, the bare route's within 1 s), so round 1 does not pay for it.
    for (const url of [`${galleryUrl}/api/gallery/creations?page=2&lang=en`, `${bareUrl}/same-sql?page=2`]) await load(url, WARM_UP_SECONDS);
    for (const page of [1, 40]) {
      const routes: number[] = [];
      const ratios: number[] = [];
      const cpuRatios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Swapped each round, so a machine getting busier or quieter does not favour one side.
        const order = round % 2 === 0 ? (['route', 'bare'] as const) : (['bare', 'route'] as const);
        const r: Partial<Record<'route' | 'bare', Awaited<ReturnType<typeof load>>>> = {};
        for (const side of order) {
          r[side] = await load(side === 'route' ? `${galleryUrl}/api/gallery/creations?page=${page}&lang=en` : `${bareUrl}/same-sql?page=${page}`);
          row(side === 'route' ? `page ${page}, round ${round + 1}: gallery-api GET /creations` : `page ${page}, round ${round + 1}: bare fastify + pg, the repository's SQL`, r[side]!);
        }
        routes.push(r.route!.rps);
        ratios.push(r.route!.rps / r.bare!.rps);
        cpuRatios.push(r.route!.cpuMs / r.bare!.cpuMs);
      }
      row(`page ${page}: bare fastify + pg, every column`, await load(`${bareUrl}/every-column?page=${page}`));
      const range = (v: number[], d: number) => `${Math.min(...v).toFixed(d)}–${Math.max(...v).toFixed(d)}`;
      console.log(`page ${page}: the route at ${range(ratios, 2)}× the bare route's req/s (median ${median(ratios).toFixed(2)}×), ${range(routes, 0)} req/s; CPU a request ${range(cpuRatios, 2)}× the bare route's`);
      // Issue 16 item 7: ≥ 1,000 req/s for a page of 24, ≥ 0.9× the bare route running the same SQL.
      summary({
        what: `gallery creations page ${page} (24 a page, ${CLIENTS} clients)`,
        anchor: 'bare fastify + pg, the same SQL',
        now: `${range(routes, 0)} req/s, ${range(ratios, 2)}× bare (load ${loadavg()[0]!.toFixed(1)})`,
        ratio: median(ratios),
        target: '≥ 1,000 req/s and ≥ 0.9× bare',
        met: median(routes) >= 1000 && median(ratios) >= 0.9,
      });
    }
  } finally {
    await bare.close();
    await g.close();
  }
}

await main();
