import type { workshopsEn } from './workshops.en';

export const workshopsNl: Record<keyof typeof workshopsEn, string> = {
  'workshop.title': 'Workshops',
};
