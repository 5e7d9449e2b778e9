import { describe, expect, it } from 'vitest';
import { BrokenManifestError, parseFolderManifest, toCandidate } from './folder-manifest';

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'starry',
  file: 'images/starry.jpg',
  title: 'The Starry Night',
  creator: { name: 'Vincent van Gogh', life: '1853–1890' },
  date: '1889',
  licence: 'https://creativecommons.org/publicdomain/mark/1.0/',
  image: { sha256: 'C'.repeat(64), mime: 'image/jpeg' },
  whyOpen: 'ignored',
  ...over,
});

function problems(json: unknown): string[] {
  try {
    parseFolderManifest(json);
  } catch (err) {
    if (err instanceof BrokenManifestError) return err.problems;
    throw err;
  }
  return [];
}

describe('parseFolderManifest', () => {
  it('accepts the sample format and ignores unknown keys', () => {
    const [w] = parseFolderManifest({ description: 'x', works: [entry()] });
    expect(w).toMatchObject({ id: 'starry', title: 'The Starry Night', licence: 'https://creativecommons.org/publicdomain/mark/1.0/' });
    expect(w).not.toHaveProperty('whyOpen');
  });

  it('treats a missing licence as data (a refusal later), not a broken file', () => {
    const works = parseFolderManifest({ works: [entry({ licence: undefined }), entry({ id: 'b', licence: '  ' })] });
    expect(works.map((w) => w.licence)).toEqual([null, null]);
  });

  it('names each problem with the entry it is in', () => {
    expect(problems({})).toEqual(['works: Invalid input: expected array, received undefined']);
    const found = problems({ works: [entry(), entry({ id: 'b', title: '' }), entry({ id: 'c', image: { sha256: 'xyz' } })] });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^works\[1\] \(id "b"\)\.title: /);
    expect(found[1]).toMatch(/^works\[2\] \(id "c"\)\.image\.sha256: must be 64 hex digits/);
  });

  it('refuses files outside the folder and non-http landing pages', () => {
    expect(problems({ works: [entry({ file: '../secret.jpg' })] })[0]).toMatch(/inside the folder/);
    expect(problems({ works: [entry({ file: '/etc/passwd' })] })[0]).toMatch(/inside the folder/);
    expect(problems({ works: [entry({ landingUrl: 'javascript:alert(1)' })] })[0]).toMatch(/landingUrl/);
  });

  it('refuses ids that would collide as work ids', () => {
    expect(problems({ works: [entry({ id: 'Starry Night' }), entry({ id: 'starry-night' })] })[0]).toMatch(/same work id local-starry-night/);
  });
});

describe('toCandidate', () => {
  it('maps the folder entry to a source-neutral candidate', async () => {
    const [w] = parseFolderManifest({ works: [entry({ creator: 'Anonymous' })] });
    if (!w) throw new Error('no entry');
    const c = toCandidate(w, async (file) => Buffer.from(file));
    expect(c).toMatchObject({ source: 'local', sourceId: 'starry', creator: 'Anonymous', creatorLife: null, dateDisplay: '1889' });
    expect(c.image?.expectedSha256).toBe('C'.repeat(64));
    expect(Buffer.from((await c.image?.read()) ?? []).toString()).toBe('images/starry.jpg');
  });
});
