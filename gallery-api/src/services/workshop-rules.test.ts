import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, normalizeCode } from '@atelier/contracts/workshop.schema';
import { loadPseudonymWords } from '@atelier/prompts/pupil-pseudonyms';
import { checkWindow, forgetAt, joinRefusal, newCode, newPseudonym, stateAfter } from './workshop-rules';

const at = (iso: string) => new Date(iso);

describe('codes', () => {
  it('uses only unambiguous characters and reads back what a pupil types', () => {
    for (const c of '0O1IL5S2Z') expect(CODE_ALPHABET).not.toContain(c);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    const codes = new Set(Array.from({ length: 500 }, () => newCode(6)));
    expect(codes.size).toBeGreaterThan(495);
    for (const code of codes) {
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
      expect(normalizeCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `, 6)).toBe(code);
    }
    expect(normalizeCode('ABC0EF', 6)).toBeNull();
    expect(normalizeCode('ABCDE', 6)).toBeNull();
  });
});

describe('pseudonyms', () => {
  it('are an adjective, an animal and a number, the same in Dutch and English, from the word lists', () => {
    const words = loadPseudonymWords();
    expect(newPseudonym(words, () => 0)).toEqual({ nl: 'Blauwe Reiger 1', en: 'Blue Heron 1' });
    for (let i = 0; i < 200; i++) {
      const p = newPseudonym(words);
      const n = p.en.split(' ').at(-1);
      expect(p.nl.endsWith(` ${n}`)).toBe(true);
      expect(Number(n)).toBeGreaterThanOrEqual(1);
      expect(Number(n)).toBeLessThanOrEqual(99);
    }
  });
});

describe('time window and retention', () => {
  it('refuses a window that ends before it starts or lasts more than a day', () => {
    expect(() => checkWindow(at('2026-01-01T10:00Z'), at('2026-01-01T11:30Z'))).not.toThrow();
    expect(() => checkWindow(at('2026-01-01T10:00Z'), at('2026-01-02T10:00Z'))).not.toThrow();
    expect(() => checkWindow(at('2026-01-01T10:00Z'), at('2026-01-02T10:01Z'))).toThrow(/at most one day/);
    expect(() => checkWindow(at('2026-01-01T10:00Z'), at('2026-01-01T10:00Z'))).toThrow(/ends after/);
  });

  it('forgets retentionDays after the end, or after an early end', () => {
    const w = { endsAt: at('2026-01-01T12:00Z'), endedAt: null, retentionDays: 30 };
    expect(forgetAt(w).toISOString()).toBe('2026-01-31T12:00:00.000Z');
    expect(forgetAt({ ...w, endedAt: at('2026-01-01T11:00Z') }).toISOString()).toBe('2026-01-31T11:00:00.000Z');
    expect(forgetAt({ ...w, endedAt: at('2026-01-03T11:00Z') }).toISOString()).toBe('2026-01-31T12:00:00.000Z');
  });

  it('tells an unknown, ended or locked workshop apart; a rejoin passes the lock', () => {
    const now = at('2026-01-01T11:00Z');
    const open = { endsAt: at('2026-01-01T12:00Z'), endedAt: null, locked: false, forgotten: false };
    expect(joinRefusal(null, now, false)).toBe('unknown');
    expect(joinRefusal({ ...open, forgotten: true }, now, false)).toBe('unknown');
    expect(joinRefusal(open, now, false)).toBeNull();
    expect(joinRefusal({ ...open, endedAt: at('2026-01-01T10:30Z') }, now, false)).toBe('ended');
    expect(joinRefusal(open, at('2026-01-01T12:00Z'), false)).toBe('ended');
    expect(joinRefusal({ ...open, locked: true }, now, false)).toBe('locked');
    expect(joinRefusal({ ...open, locked: true }, now, true)).toBeNull();
  });
});

describe('approval', () => {
  it('decides a waiting work once', () => {
    expect(stateAfter('waiting', 'approve')).toBe('approved');
    expect(stateAfter('waiting', 'return')).toBe('returned');
    expect(stateAfter('waiting', 'reject')).toBe('rejected');
    for (const s of ['approved', 'returned', 'rejected'] as const) expect(() => stateAfter(s, 'approve')).toThrow(/already/);
  });
});
