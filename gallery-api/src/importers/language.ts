import type { LangTexts } from '../services/collection-work';
import { text } from './remote-source';

/**
 * Language-tagged text as sources give it, into one shape: `{ en: "…", nl: "…" }`, keyed by the primary language
 * subtag (`en-GB` → `en`). Untagged values (IIIF `none`, Europeana `def`) are not languages and stay out.
 */

/** Language names and ISO 639-2 codes some publishers use as keys instead of BCP 47 tags (the V&A writes `English`). */
const ALIASES: Record<string, string> = {
  english: 'en', eng: 'en', engels: 'en',
  dutch: 'nl', nederlands: 'nl', dut: 'nl', nld: 'nl',
  german: 'de', deutsch: 'de', ger: 'de', deu: 'de', duits: 'de',
  french: 'fr', francais: 'fr', 'français': 'fr', fre: 'fr', fra: 'fr', frans: 'fr',
  danish: 'da', dansk: 'da', dan: 'da',
  spanish: 'es', spa: 'es', italian: 'it', ita: 'it',
};
const NO_LANGUAGE = new Set(['none', '@none', 'def', 'und', 'zxx', '']);

/** `en`, `EN-gb`, `English`, `eng` → `en`; `none`, `def` or anything unreadable → null. */
export function languageOf(tag: unknown): string | null {
  if (typeof tag !== 'string') return null;
  const t = tag.trim().toLowerCase();
  if (NO_LANGUAGE.has(t)) return null;
  if (ALIASES[t]) return ALIASES[t];
  const m = t.match(/^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/);
  if (!m) return null;
  const primary = m[1] as string;
  return ALIASES[primary] ?? (primary.length === 2 ? primary : null);
}

/** Adds `value` under `lang` unless that language already has text (the first value of a language wins). */
export function addText(into: LangTexts, lang: unknown, value: unknown): LangTexts {
  const l = languageOf(lang);
  const t = text(value);
  if (l && t && !(l in into)) into[l] = t;
  return into;
}

/**
 * A language map whose values are lists or strings: IIIF v3 (`{"en": ["…"], "none": ["…"]}`), Europeana
 * (`{"def": ["…"], "nl": ["…"]}`). A language's values are joined with "; " (several titles of one language).
 */
export function fromLanguageMap(map: unknown, join = '; '): LangTexts {
  const out: LangTexts = {};
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return out;
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).map(text).filter((v): v is string => Boolean(v));
    if (values.length) addText(out, key, values.join(join));
  }
  return out;
}

/** JSON-LD values `[{"@value": "…", "@language": "nl"}]` (IIIF v2 labels, Linked Art notations). */
export function fromJsonLdValues(values: unknown): LangTexts {
  const out: LangTexts = {};
  for (const v of Array.isArray(values) ? values : [values]) {
    if (typeof v === 'object' && v !== null) addText(out, (v as Record<string, unknown>)['@language'], (v as Record<string, unknown>)['@value']);
  }
  return out;
}

/** Several maps into one: an earlier map's language wins. */
export function mergeTexts(...maps: (LangTexts | null | undefined)[]): LangTexts {
  const out: LangTexts = {};
  for (const m of maps) for (const [l, t] of Object.entries(m ?? {})) if (!(l in out)) out[l] = t;
  return out;
}

/** The text in the first of these languages that has one. */
export function pick(map: LangTexts, ...langs: string[]): string | null {
  for (const l of langs) if (map[l]) return map[l];
  return null;
}
