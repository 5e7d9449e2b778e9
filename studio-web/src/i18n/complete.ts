import type { Lang } from '@atelier/contracts/lang';
import type { Messages } from './en';
import type { Section } from './sections';
import { en } from './en';
import { exhibitionsEn } from './exhibitions.en';
import { exhibitionsNl } from './exhibitions.nl';
import { nl } from './nl';
import { staffEn } from './staff.en';
import { staffNl } from './staff.nl';
import { studioEn } from './studio.en';
import { studioNl } from './studio.nl';
import { workshopsEn } from './workshops.en';
import { workshopsNl } from './workshops.nl';

/**
 * Every section of each language in one object, for tests (test-setup.ts registers them up front) and dictionary
 * checks. The app never imports this: it loads sections as pages need them (index.tsx).
 */
export const COMPLETE: Readonly<Record<Lang, Readonly<Record<Section, Partial<Messages>>>>> = {
  en: { core: en, studio: studioEn, staff: staffEn, exhibitions: exhibitionsEn, workshops: workshopsEn },
  nl: { core: nl, studio: studioNl, staff: staffNl, exhibitions: exhibitionsNl, workshops: workshopsNl },
};

export const completeEn: Messages = { ...en, ...studioEn, ...staffEn, ...exhibitionsEn, ...workshopsEn };
export const completeNl: Messages = { ...nl, ...studioNl, ...staffNl, ...exhibitionsNl, ...workshopsNl };
