import { describe, expect, it } from 'vitest';
import { kioskSettings, moveItem, nextIndexAfterChange, uniqueInOrder } from './exhibition';

describe('moveItem (drag and arrow keys)', () => {
  it('moves one item and keeps the others in order, clamping the target', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, -5)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
    const list = ['a', 'b'];
    moveItem(list, 0, 1);
    expect(list).toEqual(['a', 'b']);
  });

  it('uniqueInOrder keeps the first of each id', () => {
    expect(uniqueInOrder(['c', 'a', 'c', 'b', 'a'])).toEqual(['c', 'a', 'b']);
  });
});

describe('kioskSettings', () => {
  const own = { slideSeconds: 12, transition: 'fade' as const };
  it("takes the exhibition's own settings, overridden by valid URL parameters only", () => {
    expect(kioskSettings(own, new URLSearchParams(''))).toEqual({ slideSeconds: 12, transition: 'fade', orientation: 'auto' });
    expect(kioskSettings(own, new URLSearchParams('seconds=5&transition=none&orientation=portrait'))).toEqual({ slideSeconds: 5, transition: 'none', orientation: 'portrait' });
    expect(kioskSettings(own, new URLSearchParams('seconds=1&transition=spin&orientation=upside'))).toEqual({ slideSeconds: 12, transition: 'fade', orientation: 'auto' });
    expect(kioskSettings(own, new URLSearchParams('seconds=abc'))).toMatchObject({ slideSeconds: 12 });
  });
});

describe('nextIndexAfterChange', () => {
  it('stays on the same creation when it is still shown', () => {
    expect(nextIndexAfterChange(['a', 'b', 'c'], 'b', ['c', 'b'], 1)).toBe(1);
  });
  it('goes on with the next one that stays when the current one left', () => {
    expect(nextIndexAfterChange(['a', 'b', 'c', 'd'], 'b', ['a', 'd'], 1)).toBe(1);
    expect(nextIndexAfterChange(['a', 'b'], 'b', ['a'], 1)).toBe(0);
    expect(nextIndexAfterChange(['a'], 'a', [], 0)).toBe(0);
  });
});
