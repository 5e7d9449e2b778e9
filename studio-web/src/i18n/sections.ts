/**
 * The dictionaries come in sections, each its own chunk per language: `core` with the language (main.tsx waits for
 * it before the first render), the others with the pages that need them (App.tsx), so the gallery, a creation's page
 * or a kiosk do not ship the studio's, the staff's or the workshops' messages. A key's section follows from its
 * prefix alone: this map is the one rule, and i18n.test.ts holds every dictionary file to it.
 */
export const SECTIONS = ['core', 'studio', 'staff', 'exhibitions', 'workshops'] as const;
export type Section = (typeof SECTIONS)[number];

const PREFIX_SECTION: Readonly<Record<string, Exclude<Section, 'core'>>> = {
  ...Object.fromEntries(
    ['studio', 'canvas', 'toolbar', 'zoom', 'layers', 'text', 'collection', 'detail', 'tools', 'remix', 'style', 'fixedStyle', 'cutout', 'upscale', 'cartoon', 'colouring', 'variants', 'draft', 'resume', 'publish'].map((p) => [p, 'studio' as const]),
  ),
  staff: 'staff',
  moderation: 'staff',
  exhibition: 'exhibitions',
  openCall: 'exhibitions',
  kiosk: 'exhibitions',
  garden: 'exhibitions',
  memento: 'exhibitions',
  workshop: 'workshops',
};

export function sectionOf(key: string): Section {
  return PREFIX_SECTION[key.slice(0, key.indexOf('.'))] ?? 'core';
}
