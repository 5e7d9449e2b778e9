import { describe, expect, it } from 'vitest';
import { LoginBackoff } from './login-backoff';

const policy = { freeFailures: 2, baseMs: 1_000, maxMs: 8_000, forgetAfterMs: 60_000 };

describe('LoginBackoff', () => {
  it('lets the free failures pass, then doubles the wait up to the ceiling', () => {
    let now = 0;
    const b = new LoginBackoff(policy, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.failed('k');
      waits.push(b.waitMs('k'));
    }
    expect(waits).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    now += 3_000;
    expect(b.waitMs('k')).toBe(5_000);
    expect(b.waitMs('other')).toBe(0);
    b.succeeded('k');
    expect(b.waitMs('k')).toBe(0);
  });

  it('forgets a key after a quiet hour, and stays bounded', () => {
    let now = 0;
    const b = new LoginBackoff(policy, () => now, 2);
    b.failed('a');
    b.failed('a');
    now += 60_001;
    expect(b.waitMs('a')).toBe(0);
    b.failed('b');
    b.failed('b');
    b.failed('c');
    b.failed('c');
    b.failed('d');
    b.failed('d');
    // Two keys at most: the oldest failures ('b') went first.
    expect([b.waitMs('b'), b.waitMs('c'), b.waitMs('d')]).toEqual([0, 1_000, 1_000]);
  });
});
