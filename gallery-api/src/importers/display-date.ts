/**
 * A year range from a date as museums display it, in English or Dutch, for sources that give only the display text
 * (or a structured range that disagrees with it): `ca. 1628 - ca. 1629`, `1870–75`, `c. 1432/1435`, `1850s`,
 * `19th century`, `first half of the 17th century`, `17de eeuw`, `eerste helft 17de eeuw`, `500–400 BC`,
 * `22 Apr 1958`, `1889-06-15`. Unknown text gives no range rather than a guess.
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

export function displayDateRange(display: string | null | undefined): YearRange {
  if (!display) return NONE;
  const s = display.replace(/[\u2010-\u2015\u2212]/g, '-').trim();
  if (!s) return NONE;

  // ISO dates (`1889-06-15`, `1628-01-01T00:00:00Z`): the year alone.
  const iso = s.match(/^(-?\d{1,4})-\d{2}(?:-\d{2})?(?:T[\d:.]+Z?)?$/);
  if (iso) return single(Number(iso[1]));

  const bcOnly = BC.test(s) && !AD.test(s);
  const sign = bcOnly ? -1 : 1;

  const centuries = [...s.matchAll(CENTURY)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= 21);
  if (centuries.length) {
    const part = PART_OF.find((p) => p.re.test(s));
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
