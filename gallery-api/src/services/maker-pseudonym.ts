import type { Pseudonym } from '@atelier/contracts/workshop.schema';
import { newPseudonym, type WordPair } from './workshop-rules';

/**
 * A visitor's pseudonym as maker ("Blauwe Reiger 12" / "Blue Heron 12"), drawn from the pupils' word lists by a keyed
 * hash of their session instead of at random: every creation of one session carries the same one, and it names no one.
 */
export function makerPseudonym(words: { adjectives: WordPair[]; animals: WordPair[] }, keyedHash: string): Pseudonym {
  if (!/^[0-9a-f]{24,}$/i.test(keyedHash)) throw new Error('a maker pseudonym needs a keyed hash (hex, 96 bits or more)');
  let at = 0;
  // 32 bits of the hash per draw: the bias of `% max` for lists of a few dozen words is below one in ten million.
  const draw = (max: number) => {
    const n = Number.parseInt(keyedHash.slice(at, at + 8), 16);
    at += 8;
    return n % max;
  };
  return newPseudonym(words, draw);
}

/** The maker's pseudonym of a visitor session: `keyedHash` is VisitorSessions.pseudonym. */
export const makerPseudonyms =
  (words: { adjectives: WordPair[]; animals: WordPair[] }, keyedHash: (purpose: string, value: string) => string) =>
  (sessionId: string): Pseudonym =>
    makerPseudonym(words, keyedHash('maker pseudonym', sessionId));
