import type { exhibitionsEn } from './exhibitions.en';

export const exhibitionsNl: Record<keyof typeof exhibitionsEn, string> = {
  'exhibition.title': 'Tentoonstellingen',
};
