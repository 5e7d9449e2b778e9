/** A CSV that cannot be read as RFC 4180 (an unclosed quote, a stray quote in a bare field). */
export class CsvError extends Error {
  override name = 'CsvError';
}

/**
 * RFC 4180 rows: fields in double quotes may hold commas, line breaks and `""` (one quote); CRLF or LF ends a
 * record; a leading UTF-8 BOM (Excel's "CSV UTF-8") is dropped; a trailing line break adds no empty record.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i <= text.length) {
    if (text[i] === '"') {
      const start = line;
      for (i++; ; i++) {
        if (i >= text.length) throw new CsvError(`unclosed quote in the field that starts on line ${start}`);
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        } else if (text[i] === '\n') line++;
        field += text[i];
      }
      i++;
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        throw new CsvError(`unexpected text after a closing quote on line ${line}`);
      }
      continue;
    }
    const c = text[i];
    if (c === undefined || c === '\n' || c === '\r' || c === ',') {
      row.push(field);
      field = '';
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      // A blank line (or the end after a final line break) is no record.
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      continue;
    }
    if (c === '"') throw new CsvError(`a quote inside a bare field on line ${line}`);
    field += c;
    i++;
  }
  return rows;
}

/** Rows as objects keyed by the header (trimmed, lower-case); missing trailing cells are empty strings. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const keys = header.map((h) => h.trim().toLowerCase());
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? ''])));
}
