import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/** The word lists workshop pupils' pseudonyms are made from (words/pupil-pseudonyms.json), checked at load. */

const pair = z.object({ nl: z.string().min(2).max(20), en: z.string().min(2).max(20) });
export const pseudonymWordsSchema = z.object({
  schemaVersion: z.literal(1),
  note: z.string().optional(),
  adjectives: z.array(pair).min(8),
  animals: z.array(pair).min(8),
});
export type PseudonymWords = z.infer<typeof pseudonymWordsSchema>;

export const PSEUDONYM_WORDS_FILE = resolve(import.meta.dirname, '../words/pupil-pseudonyms.json');

export function loadPseudonymWords(file = PSEUDONYM_WORDS_FILE): PseudonymWords {
  const parsed = pseudonymWordsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`pseudonym words ${file}: ${parsed.error.message}`);
  return parsed.data;
}
