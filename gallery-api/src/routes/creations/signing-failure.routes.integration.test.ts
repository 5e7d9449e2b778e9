import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_FAILED_REASON, UnsignedCredentials, type ContentCredentials } from '../../services/content-credentials';
import { countRows, publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

/**
 * A signer that fails on an image (here: it always throws, as c2pa-node does when its key or certificate cannot be
 * used) must not cost the visitor their creation: it is published unsigned, its record says why, and the operator
 * reads the failure in the log.
 */

const failing: ContentCredentials = {
  kind: 'c2pa',
  sign: async () => {
    throw new Error('the signing key cannot be read');
  },
  read: () => new UnsignedCredentials('test').read(),
};

let g: TestGallery;
const lines: string[] = [];

beforeAll(async () => {
  g = await startTestGallery({ credentials: failing, logStream: { write: (line) => void lines.push(line) } });
  await g.addWork('open-1', 'cc0', { title: 'The Harbour' });
});
afterAll(async () => g?.close());

describe('publishing when the signer fails', () => {
  it('publishes the creation unsigned, saying why, and logs the failure at error level', async () => {
    const res = await g.publish(publishMeta({}, ['open-1']));
    expect(res.statusCode).toBe(201);
    expect(res.json().credentials).toMatchObject({ state: 'unsigned', signer: null, reason: SIGNING_FAILED_REASON });
    expect(await countRows(g.pool)).toMatchObject({ creations: 1 });
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message?: string } }).filter((l) => l.level >= 50);
    expect(logged).toEqual([expect.objectContaining({ msg: expect.stringMatching(/signing failed/), err: expect.objectContaining({ message: 'the signing key cannot be read' }) })]);
  });
});
