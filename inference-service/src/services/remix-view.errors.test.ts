import { describe, expect, it } from 'vitest';
import { STORAGE_FULL_MESSAGE } from '@atelier/common/errors';
import { visitorError } from './remix-view';

describe('a failed remix as the visitor reads it', () => {
  it('says in plain words what a worker crash, a missing collection or a full disk did', () => {
    expect(visitorError('job stalled more than allowable limit')).toMatch(/^The remix machine stopped more than once/);
    expect(visitorError('collection_unreachable: gallery-api did not answer for 300 s (gallery-api unreachable at http://10.0.0.4:4000: fetch failed)')).toMatch(
      /^The museum collection could not be reached/,
    );
    expect(visitorError("storage_full: the storage is full")).toBe(STORAGE_FULL_MESSAGE);
  });

  it('keeps the first line of a reason that is already plain', () => {
    expect(visitorError('timeout: the remix took longer than 120 s')).toBe('timeout: the remix took longer than 120 s');
    expect(visitorError('model files not usable\n    at ModelRunner.run (/work/x.ts:3)')).toBe('model files not usable');
    expect(visitorError('Every error needs an explanation')).toBe('Every error needs an explanation');
  });

  it.each([
    'gallery-api unreachable at http://127.0.0.1:4000: fetch failed',
    "ENOENT: no such file or directory, open '/srv/atelier/storage/inputs/x.png'",
    'connect ECONNREFUSED 10.1.2.3:6379',
    'redis at localhost went away',
    'socket [::1]:4000 closed',
  ])('never shows an address, URL or path: %j', (reason) => {
    const text = visitorError(reason);
    expect(text).toMatch(/^Something went wrong while making this remix/);
  });
});
