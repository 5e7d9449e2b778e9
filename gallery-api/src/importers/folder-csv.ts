import { CsvError, csvRecords } from './csv';
import { BrokenManifestError } from './folder-manifest';

/**
 * The columns of a folder's `works.csv`, the spreadsheet form of works.json (README: collection works). `id`,
 * `title` and `file` as in works.json; `creator_life`, `landing_url`, `rights_statement` and `sha256` spell
 * works.json's nested or camel-case fields; `title_en`, `title_nl`, `description_en`, `description_nl` its
 * `titles` and `descriptions`. Unknown columns are ignored, empty cells are "not given".
 */
export const FOLDER_CSV_COLUMNS = [
  'id', 'file', 'title', 'creator', 'creator_life', 'date', 'medium', 'description', 'institution', 'landing_url',
  'licence', 'rights_statement', 'attribution', 'sha256', 'title_en', 'title_nl', 'description_en', 'description_nl',
] as const;

/** `works.csv` → the same `{ works: [...] }` shape works.json has, so one schema checks both. */
export function folderCsvManifest(text: string): { works: Record<string, unknown>[] } {
  let records: Record<string, string>[];
  try {
    records = csvRecords(text);
  } catch (err) {
    if (err instanceof CsvError) throw new BrokenManifestError(`works.csv could not be read: ${err.message}`);
    throw err;
  }
  const header = new Set(Object.keys(records[0] ?? {}));
  const missing = ['id', 'title'].filter((c) => records.length > 0 && !header.has(c));
  if (missing.length) throw new BrokenManifestError(`works.csv has no ${missing.join(' or ')} column`);
  return {
    works: records.map((r) => {
      const cell = (k: (typeof FOLDER_CSV_COLUMNS)[number]) => (r[k]?.trim() ? r[k].trim() : undefined);
      const name = cell('creator');
      const life = cell('creator_life');
      const sha256 = cell('sha256');
      const perLanguage = (prefix: 'title' | 'description') => {
        const m = Object.fromEntries((['en', 'nl'] as const).flatMap((l) => (cell(`${prefix}_${l}`) ? [[l, cell(`${prefix}_${l}`)]] : [])));
        return Object.keys(m).length ? m : undefined;
      };
      return {
        id: r.id ?? '',
        title: r.title ?? '',
        file: cell('file'),
        creator: life ? { name, life } : name,
        date: cell('date'),
        medium: cell('medium'),
        description: cell('description'),
        institution: cell('institution'),
        landingUrl: cell('landing_url'),
        licence: cell('licence'),
        rightsStatement: cell('rights_statement'),
        attribution: cell('attribution'),
        image: sha256 ? { sha256 } : undefined,
        titles: perLanguage('title'),
        descriptions: perLanguage('description'),
      };
    }),
  };
}
