/**
 * A year range from a date as museums display it, in English or Dutch, for sources that give only the display text
 * (or a structured range that disagrees with it): `ca. 1628 - ca. 1629`, `1870–75`, `1887-88`, `c.1665`, `c. 1432/1435`,
 * `1850s`, `19th century`, `16th–17th century`, `zeventiende eeuw`, `XVIIe eeuw`, `first half of the 17th century`,
 * `5th decade of the 19th century`, `eerste helft 17de eeuw`, `before 1600`, `na 1650`, `500–400 BC`, `22 Apr 1958`,
 * `1889-06-15`. Unknown text gives no range rather than a guess. Every importer and the backfill use this one parser.
 */
export interface YearRange {
  dateStart: number | null;
  dateEnd: number | null;
}

const NONE: YearRange = { dateStart: null, dateEnd: null };

const BC = /\b(?:b\.?\s?c\.?(?:e\.?)?|bce|v\.?\s?chr\.?|voor christus)(?=$|[^a-z])/i;
const AD = /\b(?:a\.?\s?d\.?|c\.?e\.?(?=\s*$)|n\.?\s?chr\.?|na christus)(?=$|[^a-z])/i;

/** Ordinal centuries: `17th century`, `17th c.`, `17de eeuw`, `17e eeuw`, `XVII century` is left out (rare). */
const CENTURY = /\b(\d{1,2})\s*(?:st|nd|rd|th|e|de|ste)?\s*(?:-|\s)?(?:century|centuries|cent\.|c\.(?!\s*\d)|eeuw)/gi;
const PART_OF = [
  { re: /\b(?:first|1st|eerste)\s+(?:half|helft)\b/i, from: 0, to: 49 },
  { re: /\b(?:second|2nd|tweede)\s+(?:half|helft)\b/i, from: 50, to: 99 },
  { re: /\b(?:first|1st|eerste)\s+quarter|eerste\s+kwart\b/i, from: 0, to: 24 },
  { re: /\b(?:second|2nd|tweede)\s+quarter|tweede\s+kwart\b/i, from: 25, to: 49 },
  { re: /\b(?:third|3rd|derde)\s+quarter|derde\s+kwart\b/i, from: 50, to: 74 },
  { re: /\b(?:fourth|last|4th|laatste|vierde)\s+quarter|(?:laatste|vierde)\s+kwart\b/i, from: 75, to: 99 },
  { re: /\b(?:early|begin|vroeg|beginning of)\b/i, from: 0, to: 32 },
  { re: /\b(?:mid|mid-|midden)\b/i, from: 33, to: 66 },
  { re: /\b(?:late|eind|laat|end of)\b/i, from: 67, to: 99 },
];

/** Ordinal words, English and Dutch, as digits: `seventeenth century`, `zeventiende eeuw`. */
const ORDINALS: Record<string, number> = Object.fromEntries(
  [
    ['first', 'eerste'], ['second', 'tweede'], ['third', 'derde'], ['fourth', 'vierde'], ['fifth', 'vijfde'], ['sixth', 'zesde'],
    ['seventh', 'zevende'], ['eighth', 'achtste'], ['ninth', 'negende'], ['tenth', 'tiende'], ['eleventh', 'elfde'],
    ['twelfth', 'twaalfde'], ['thirteenth', 'dertiende'], ['fourteenth', 'veertiende'], ['fifteenth', 'vijftiende'],
    ['sixteenth', 'zestiende'], ['seventeenth', 'zeventiende'], ['eighteenth', 'achttiende'], ['nineteenth', 'negentiende'],
    ['twentieth', 'twintigste'], ['twenty-first', 'eenentwintigste'],
  ].flatMap(([en, nl], i) => [[en, i + 1], [nl, i + 1]]),
);
const ORDINAL_CENTURY = new RegExp(`\\b(${Object.keys(ORDINALS).join('|')})(?=[\\s-]+(?:century|centuries|eeuw))`, 'gi');
const ROMAN_CENTURY = /\b([XVI]{1,6})(?:e|de|th)?(?=\s*(?:century|centuries|eeuw))/g;
/** `16th–17th century`, `16de of 17de eeuw`: the first century gets its own word, so both count. */
const CENTURY_PAIR = /\b(\d{1,2})(st|nd|rd|th|e|de|ste)\s*(?:-|\/|or|of|and|en|to|tot)\s*(?=\d{1,2}(?:st|nd|rd|th|e|de|ste)\s*(?:century|centuries|eeuw))/gi;
/** `before 1600`, `vóór 1600`, `after 1650`, `na 1650`: one side is known, the other estimated as half a century. */
const BEFORE = /^(?:before|voor|vóór|not after|uiterlijk|until|tot)\s+(?:c(?:a|irca)?\.?\s*)?(\d{3,4})$/i;
const AFTER = /^(?:after|na|not before|vanaf|from|sinds|since)\s+(?:c(?:a|irca)?\.?\s*)?(\d{3,4})$/i;
const OPEN_SIDE_YEARS = 50;

export function displayDateRange(display: string | null | undefined): YearRange {
  if (!display) return NONE;
  const trimmed = display.trim();
  // ISO dates (`1889-06-15`, `1628-01-01T00:00:00Z`, `1889-06`): the year alone. Only an ASCII hyphen and a real
  // month: `1887–88` and `1887-88` are year ranges.
  const iso = trimmed.match(/^(-?\d{1,4})-(0[1-9]|1[0-2])(?:-\d{2}(?:T[\d:.]+Z?)?)?$/);
  if (iso) return single(Number(iso[1]));
  const s = trimmed
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    // `c.1665`, `ca.1665`: the abbreviation's dot is not a decimal point.
    .replace(/\b(c|ca|circa)\.(?=\d)/gi, '$1. ')
    .replace(ORDINAL_CENTURY, (w) => `${ORDINALS[w.toLowerCase()]}th`)
    .replace(ROMAN_CENTURY, (_, r: string) => `${roman(r)}th`)
    .replace(CENTURY_PAIR, '$1$2 century - ');
  if (!s) return NONE;

  const before = s.match(BEFORE);
  if (before) return { dateStart: Number(before[1]) - OPEN_SIDE_YEARS, dateEnd: Number(before[1]) };
  const after = s.match(AFTER);
  if (after) return { dateStart: Number(after[1]), dateEnd: Number(after[1]) + OPEN_SIDE_YEARS };

  const bcOnly = BC.test(s) && !AD.test(s);
  const sign = bcOnly ? -1 : 1;

  const centuries = [...s.matchAll(CENTURY)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= 21);
  if (centuries.length) {
    // Europeana's time spans: `5th decade of the 19th century` is the 1840s.
    const decade = s.match(/\b(10|[1-9])(?:st|nd|rd|th|e|de|ste)?\s+(?:decade|decennium)\b/i);
    const part = decade ? { from: (Number(decade[1]) - 1) * 10, to: (Number(decade[1]) - 1) * 10 + 9 } : PART_OF.find((p) => p.re.test(s));
    const spans = centuries.map((c) => {
      // AD: the 17th century is 1600–1699 (as museums index it); BC: the 5th century BC is 500–401 BC.
      const base = sign > 0 ? (c - 1) * 100 : -c * 100;
      const from = base + (part && centuries.length === 1 ? part.from : 0);
      const to = base + (part && centuries.length === 1 ? part.to : 99);
      return [from, to] as const;
    });
    return range(spans.flat());
  }

  const decades = [...s.matchAll(/\b(\d{3})0\s?'?s\b/g)].map((m) => Number(m[1]) * 10);
  const jaren = [...s.matchAll(/\bjaren\s+(\d{3})0\b/gi)].map((m) => Number(m[1]) * 10);
  if (decades.length || jaren.length) return range([...decades, ...jaren].flatMap((d) => [d, d + 9]).map((y) => y * sign));

  const years: number[] = [];
  // `1870–75`, `1870/75`: an abbreviated end year in the same century.
  for (const m of s.matchAll(/\b(\d{3,4})\s*[-/]\s*(\d{1,2})\b(?![-/]?\d)/g)) {
    const start = Number(m[1]);
    const endDigits = m[2] as string;
    const end = Math.floor(start / 10 ** endDigits.length) * 10 ** endDigits.length + Number(endDigits);
    if (end >= start) years.push(start, end);
  }
  for (const m of s.matchAll(/(?<![\d.,:])(\d{3,4})(?![\d.,:]?\d)/g)) years.push(Number(m[1]));
  // BC years may be short (`44 BC`): any number counts there.
  if (bcOnly) for (const m of s.matchAll(/(?<![\d.,:])(\d{1,2})(?![\d.,:]?\d)/g)) years.push(Number(m[1]));
  const valid = years.filter((y) => y > 0 && y <= 2100);
  if (!valid.length) return NONE;
  return range(valid.map((y) => y * sign));
}

/** `XVII` → 17; anything that is not a plain Roman numeral of a century → the text itself (no century). */
function roman(r: string): string {
  const v: Record<string, number> = { I: 1, V: 5, X: 10 };
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const cur = v[r[i]!]!;
    const next = v[r[i + 1] ?? ''] ?? 0;
    n += cur < next ? -cur : cur;
  }
  return n >= 1 && n <= 21 ? String(n) : r;
}

function single(y: number): YearRange {
  return { dateStart: y, dateEnd: y };
}

function range(ys: number[]): YearRange {
  return { dateStart: Math.min(...ys), dateEnd: Math.max(...ys) };
}

/**
 * A structured range checked against the display date: kept when it contains what the display says, else the
 * display's own range wins (Smithsonian "1919" indexed as the 1920s), so the range always contains the date shown.
 */
export function rangeAgreeingWith(display: string | null | undefined, structured: YearRange): YearRange {
  const shown = displayDateRange(display);
  if (shown.dateStart === null || shown.dateEnd === null) return structured;
  if (structured.dateStart === null && structured.dateEnd === null) return shown;
  const start = structured.dateStart ?? structured.dateEnd!;
  const end = structured.dateEnd ?? structured.dateStart!;
  return start <= shown.dateStart && shown.dateEnd <= end ? { dateStart: start, dateEnd: end } : shown;
}
