import { describe, expect, it } from 'vitest';
import { MemoryNotices } from './notices';
import { describeNotices } from './notices.contract';

// One process: both "processes" are the same in-memory notices.
describeNotices('MemoryNotices', async () => {
  const n = new MemoryNotices();
  return { a: n, b: n, listening: async () => undefined, close: async () => undefined };
});

describe('MemoryNotices', () => {
  it('delivers before notify returns, and tells listeners of a gap', async () => {
    const n = new MemoryNotices();
    const heard: string[] = [];
    n.listen('exhibitions', { notice: () => heard.push('notice'), gap: () => heard.push('gap') });
    const sent = n.notify('exhibitions', { exhibitionIds: [] });
    expect(heard).toEqual(['notice']);
    await sent;
    n.gap();
    expect(heard).toEqual(['notice', 'gap']);
  });
});
