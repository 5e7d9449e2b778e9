import type { ImportCandidate } from '../services/collection-import.service';
import type { HarvestOptions } from './remote-source';

/**
 * How importers read what a source answers. Two kinds of trouble, kept apart (issue 15):
 * - a page or document of the wrong shape (`UnexpectedAnswerError`): the source cannot be read at all, the harvest
 *   stops and names what was expected, so a changed API never reads as "imported 0";
 * - one record that cannot be read (no id, a field of the wrong type): that record is reported as failed with its
 *   reason and the harvest goes on (`readRecord`).
 */

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The entries of a record's list, read without trusting it: a list as it is, a single value as a list of one
 * (JSON-LD's "one or many", which IIIF and Europeana both use), nothing as none.
 */
export function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** The objects of a list (`[{…}, null, "x"]` → `[{…}]`). */
export function objectsOf(v: unknown): Json[] {
  return listOf(v).filter(isObject);
}

/** An answer in a shape the importer does not know: nothing of it is imported, the run fails with this message. */
export class UnexpectedAnswerError extends Error {
  override name = 'UnexpectedAnswerError';
}

/** `null`, `a string`, `an object with keys data, info`: what came instead, for the error message. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isObject(v)) {
    const keys = Object.keys(v);
    return keys.length ? `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'an empty object';
  }
  return `a ${typeof v}`;
}

/**
 * The list of records at `key` on one page of a source. A page without it is an empty page only when the source
 * itself says it found nothing (`emptyWhen`); anything else is an answer of the wrong shape.
 */
export function recordsAt(body: unknown, key: string, where: string, emptyWhen?: (page: Json) => boolean): unknown[] {
  if (!isObject(body)) throw new UnexpectedAnswerError(`${where}: expected a JSON object with a "${key}" list, got ${describeValue(body)}`);
  const records = body[key];
  if (Array.isArray(records)) return records;
  if ((records === undefined || records === null) && emptyWhen?.(body)) return [];
  throw new UnexpectedAnswerError(
    `${where}: expected a "${key}" list, got ${records === undefined ? `${describeValue(body)}` : describeValue(records)}`,
  );
}

/** A whole number a page states (a total, a count), or undefined. */
export function countIn(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A record that cannot become a work (no id, a field of the wrong type): it fails alone. */
export class RecordProblem extends Error {
  override name = 'RecordProblem';
}

/**
 * One record mapped on its own. A record that cannot be read is reported as failed under `name` (its id when it has
 * one, else where it was found) with the reason, and null is answered so the harvest goes on.
 */
export function readRecord<T>(
  record: unknown,
  name: string,
  read: (record: Json) => T | null,
  opts: Pick<HarvestOptions, 'report'>,
): T | null {
  if (!isObject(record)) {
    opts.report?.(name, `unreadable record: expected an object, got ${describeValue(record)}`);
    return null;
  }
  try {
    return read(record);
  } catch (err) {
    if (err instanceof UnexpectedAnswerError) throw err;
    const reason = err instanceof RecordProblem ? err.message : `unreadable record (${(err as Error).message})`;
    opts.report?.(name, reason);
    return null;
  }
}

/** A record's name for a report: the first of `keys` it has as text or a number, else where it was found. */
export function recordName(record: unknown, keys: string[], where: string): string {
  if (isObject(record)) {
    for (const k of keys) {
      const v = record[k];
      if ((typeof v === 'string' && v.trim()) || (typeof v === 'number' && Number.isFinite(v))) return String(v).trim();
    }
  }
  return `(${where})`;
}

/** The candidate's id, or a RecordProblem naming the field the source should have filled. */
export function requireId(id: string | null, field: string): string {
  if (!id) throw new RecordProblem(`the record has no ${field}, so it cannot be matched on a later import`);
  return id;
}

export type MaybeCandidate = ImportCandidate | null;
