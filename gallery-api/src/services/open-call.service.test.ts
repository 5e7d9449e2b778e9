import { describe, expect, it } from 'vitest';
import { meanScore, nextPhaseAllowed } from './open-call.service';

describe('open call rules', () => {
  it('moves one phase forward only; without a public vote, results follow judging', () => {
    expect(nextPhaseAllowed('submissions', 'judging', true)).toBe(true);
    expect(nextPhaseAllowed('judging', 'voting', true)).toBe(true);
    expect(nextPhaseAllowed('judging', 'results', true)).toBe(false);
    expect(nextPhaseAllowed('judging', 'results', false)).toBe(true);
    expect(nextPhaseAllowed('judging', 'voting', false)).toBe(false);
    expect(nextPhaseAllowed('results', 'submissions', true)).toBe(false);
    expect(nextPhaseAllowed('submissions', 'submissions', true)).toBe(false);
  });

  it('averages every criterion of every juror', () => {
    expect(meanScore([])).toBeNull();
    expect(meanScore([{ originality: 5, craft: 4, theme: 3 }, { originality: 1, craft: 1, theme: 1 }])).toBe(2.5);
  });
});
