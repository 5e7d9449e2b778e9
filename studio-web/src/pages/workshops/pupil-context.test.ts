import type { PupilView } from '@atelier/contracts/workshop.schema';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { translate, type Translate } from '../../i18n';
import { pupilMemo, pupilTools, rememberPupil, workshopError } from './pupil-context';

const view = (tools: PupilView['workshop']['tools']) => ({ workshop: { tools } }) as unknown as PupilView;
const t = (lang: 'en' | 'nl'): Translate => (key, vars) => translate(lang, key, vars);

describe('a pupil in the studio', () => {
  it('sees only the workshop’s remix tools; a visitor sees all', () => {
    expect(pupilTools(['style', 'cutout', 'cartoon'], view(['style', 'cartoon']))).toEqual(['style', 'cartoon']);
    expect(pupilTools(['style', 'cutout'], view([]))).toEqual([]);
    expect(pupilTools(['style', 'cutout'], null)).toEqual(['style', 'cutout']);
  });

  it('reads a refusal in their own language, and the usual description for anything else', () => {
    expect(workshopError(new ApiError(410, 'workshop_ended', 'This workshop has ended.'), t('nl'))).toBe('Deze workshop is afgelopen.');
    expect(workshopError(new ApiError(423, 'workshop_locked', 'x'), t('en'))).toBe('Your educator has closed joining for this workshop.');
    expect(workshopError(new ApiError(400, 'something_else', 'As the server says.'), t('nl'))).toBe('As the server says.');
  });

  it('remembers on this device only that it joined, and the rejoin code to show', () => {
    expect(pupilMemo()).toBeNull();
    rememberPupil({ code: 'AB3CD4', rejoinCode: 'XY789' });
    expect(pupilMemo()).toEqual({ code: 'AB3CD4', rejoinCode: 'XY789' });
    rememberPupil(null);
    expect(pupilMemo()).toBeNull();
  });
});
