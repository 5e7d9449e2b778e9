/**
 * Issue 11 item 4: a class of 30 pupils (one workshop, a group in the fair scheduler through the signed pupil cookie)
 * fills the queue with remixes; a visitor outside the class who sends one afterwards waits behind at most a few of
 * theirs, not behind the whole class. Prints the figures, with the same class sent as 30 unrelated visitors for contrast.
 * Inside the class the pupils take turns: one pupil's backlog does not hold back a classmate's first remix.
 */
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { PupilSessions } from '@atelier/common/pupil-session';
import { TEST_SESSION_SECRET } from '@atelier/common/testing/visitors';
import type { RemixJobData } from '@atelier/inference-service/jobs/remix.job';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { MODEL, canvas, ended, harness, result, type Harness } from './inference-queue.harness';

const PUPILS = 30;
const PER_PUPIL = 3; // the session cap (maxPending)
const GROUP_SHARE = 4;
const pupils = new PupilSessions(TEST_SESSION_SECRET, false);

/** POST /remixes as `label`'s visitor session, with the pupil cookie of `workshopId` when given. */
async function send(h: Harness, label: string, workshopId?: string) {
  const requestId = randomUUID();
  const { payload, headers } = multipartBody([
    { name: 'meta', data: JSON.stringify({ requestId, model: MODEL, params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'] }) },
    { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: await canvas },
  ]);
  const pupil = workshopId ? `; atelier_pupil=${pupils.token({ workshopId, pupilId: randomUUID(), expiresAt: new Date(Date.now() + 3_600_000) })}` : '';
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/inference/remixes',
    payload,
    headers: { ...headers, cookie: `${h.visitor(label).cookie}${pupil}` },
  });
  expect(res.statusCode, res.body).toBe(202);
  return requestId;
}

/** The class sends everything it may, then the outsider one remix; the worker runs them all, one at a time. */
async function run(asWorkshop: boolean) {
  const h = await harness({ maxPending: PER_PUPIL, maxPerHour: 100, groupShare: GROUP_SHARE });
  const workshopId = asWorkshop ? randomUUID() : undefined;
  for (let round = 0; round < PER_PUPIL; round++) for (let p = 0; p < PUPILS; p++) await send(h, `pupil-${p}`, workshopId);
  const outsider = await send(h, 'outsider');
  const order: string[] = [];
  const last = ended(h, outsider);
  await h.startWorker(async (job: Job<RemixJobData>) => {
    order.push(job.data.remixId);
    return result(job);
  });
  await last;
  const position = order.indexOf(outsider) + 1;
  return { position, classJobs: PUPILS * PER_PUPIL };
}

describe('a workshop class shares the queue fairly with everyone else', () => {
  it("bounds an outside visitor's wait while 30 pupils of one workshop keep the queue full", async () => {
    const grouped = await run(true);
    const ungrouped = await run(false);
    console.log(
      `workshop fairness: ${grouped.classJobs} class remixes queued first (${PUPILS} pupils × ${PER_PUPIL}), then 1 outside visitor; ` +
        `the outsider ran at position ${grouped.position} as the workshop group (group share ${GROUP_SHARE}), ` +
        `at position ${ungrouped.position} with the same pupils as ${PUPILS} unrelated visitors`,
    );
    // Only the class's jobs at the group's first rank (the first `groupShare` of them) run before it.
    expect(grouped.position).toBeLessThanOrEqual(GROUP_SHARE + 1);
    expect(ungrouped.position).toBeGreaterThan(PUPILS);
  }, 120_000);
});

describe('pupils of one workshop take turns inside their group', () => {
  it("runs a classmate's first remix right after the first of a pupil who queued ten before it", async () => {
    const h = await harness({ maxPending: 10, maxPerHour: 100, groupShare: GROUP_SHARE });
    const workshopId = randomUUID();
    const a: string[] = [];
    for (let i = 0; i < 10; i++) a.push(await send(h, 'pupil-a', workshopId));
    const b = await send(h, 'pupil-b', workshopId);
    const order: string[] = [];
    const last = ended(h, a.at(-1)!);
    const bDone = ended(h, b);
    await h.startWorker(async (job: Job<RemixJobData>) => {
      order.push(job.data.remixId);
      return result(job);
    });
    await Promise.all([last, bDone]);
    const position = order.indexOf(b) + 1;
    console.log(
      `workshop round-robin: pupil A queued 10 remixes, then pupil B 1, in one workshop (group share ${GROUP_SHARE}); ` +
        `B's ran at position ${position} of ${order.length}; the order was ${order.map((id) => (id === b ? 'B' : 'A')).join('')}`,
    );
    expect(order).toHaveLength(11);
    expect(position).toBeLessThanOrEqual(2);
    // A's own remixes still run in the order A sent them.
    expect(order.filter((id) => id !== b)).toEqual(a);
  }, 60_000);
});
