import { describe, expect, it } from 'vitest';
import { allowedOutputLicences, evaluateLicence, suggestedOutputLicence } from './licences';

describe('evaluateLicence', () => {
  it.each([
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'cc0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['http://creativecommons.org/publicdomain/zero/1.0', 'cc0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['https://creativecommons.org/publicdomain/mark/1.0/deed.nl', 'pdm', 'https://creativecommons.org/publicdomain/mark/1.0/'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode', 'by', 'https://creativecommons.org/licenses/by/4.0/'],
    ['http://www.creativecommons.org/licenses/by-sa/3.0/nl/', 'by-sa', 'https://creativecommons.org/licenses/by-sa/3.0/'],
    ['HTTP://creativecommons.org/licenses/by-sa/3.0/nl/deed.en', 'by-sa', 'https://creativecommons.org/licenses/by-sa/3.0/'],
    ['https://creativecommons.org/licenses/by/2.5', 'by', 'https://creativecommons.org/licenses/by/2.5/'],
    // SMK's `rights`: Creative Commons' web page about CC0, not the tool's URI.
    ['https://creativecommons.org/share-your-work/public-domain/cc0/', 'cc0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['CC0', 'cc0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['cc0 1.0', 'cc0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['Public Domain Mark 1.0', 'pdm', 'https://creativecommons.org/publicdomain/mark/1.0/'],
    ['CC BY-SA 4.0', 'by-sa', 'https://creativecommons.org/licenses/by-sa/4.0/'],
  ])('accepts %s as %s', (input, family, uri) => {
    const v = evaluateLicence(input);
    expect(v.accepted).toBe(true);
    if (v.accepted) {
      expect(v.licence.family).toBe(family);
      expect(v.licence.uri).toBe(uri);
    }
  });

  it('keeps the jurisdiction port apart', () => {
    const v = evaluateLicence('https://creativecommons.org/licenses/by-sa/3.0/nl/');
    expect(v.accepted && v.licence.port).toBe('nl');
  });

  it.each([
    ['https://creativecommons.org/licenses/by-nc/4.0/', 'non_commercial'],
    ['https://creativecommons.org/licenses/by-nc-sa/2.0/', 'non_commercial'],
    ['https://creativecommons.org/licenses/by-nd/4.0/', 'no_derivatives'],
    ['http://rightsstatements.org/vocab/InC/1.0/', 'in_copyright'],
    ['', 'missing'],
    [null, 'missing'],
    ['All rights reserved', 'unknown'],
    ['CC BY-NC 4.0', 'non_commercial'],
    ['http://rightsstatements.org/vocab/NoC-US/1.0/', 'restricted'],
    ['https://creativecommons.org/licenses/by-sa/1.0/', 'incompatible'],
    ['CC BY-SA 1.0', 'incompatible'],
    ['https://creativecommons.org/licenses/by-sa/1.0/nl/', 'incompatible'],
    ['https://creativecommons.org/share-your-work/', 'unknown'],
  ])('refuses %s (%s) with a reason', (input, code) => {
    const v = evaluateLicence(input);
    expect(v.accepted).toBe(false);
    if (!v.accepted) {
      expect(v.code).toBe(code);
      expect(v.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('RightsStatements.org', () => {
  it.each([
    ['http://rightsstatements.org/vocab/InC/1.0/', 'in_copyright', /has not allowed reuse/],
    ['http://rightsstatements.org/vocab/InC-OW-EU/1.0/', 'in_copyright', /orphan work/],
    ['http://rightsstatements.org/vocab/InC-EDU/1.0/', 'in_copyright', /educational use/],
    ['http://rightsstatements.org/vocab/InC-NC/1.0/', 'non_commercial', /non-commercial use allowed/],
    ['http://rightsstatements.org/vocab/InC-RUU/1.0/', 'in_copyright', /cannot be found/],
    ['http://rightsstatements.org/vocab/NoC-CR/1.0/', 'restricted', /contractual restrictions/],
    ['http://rightsstatements.org/vocab/NoC-NC/1.0/', 'non_commercial', /non-commercial use only/],
    ['http://rightsstatements.org/vocab/NoC-OKLR/1.0/', 'restricted', /other legal restrictions/],
    ['https://rightsstatements.org/page/NoC-US/1.0/?language=nl', 'restricted', /United States only/],
    ['http://rightsstatements.org/vocab/CNE/1.0/', 'not_evaluated', /not evaluated/],
    ['http://rightsstatements.org/vocab/UND/1.0/', 'not_evaluated', /undetermined/],
    ['http://rightsstatements.org/vocab/NKC/1.0/', 'not_evaluated', /No known copyright/],
    ['http://rightsstatements.org/vocab/XYZ/1.0/', 'unknown', /not an open licence/],
  ])('refuses %s with its own reason', (uri, code, reason) => {
    expect(evaluateLicence(uri)).toMatchObject({ accepted: false, code, reason: expect.stringMatching(reason) });
  });
});

describe('output licences', () => {
  it('lets only CC0 and PDM inputs become CC0; BY inputs keep at least BY', () => {
    expect(allowedOutputLicences(['cc0', 'pdm'])).toEqual(['cc0', 'by', 'by-sa']);
    expect(allowedOutputLicences(['by', 'pdm'])).toEqual(['by', 'by-sa']);
  });

  it('accepts BY-SA 2.0 to 4.0 (each allows a later version), and only 1.0 is refused', () => {
    for (const version of ['2.0', '2.5', '3.0', '4.0']) expect(evaluateLicence(`https://creativecommons.org/licenses/by-sa/${version}/`).accepted).toBe(true);
  });

  it('forces BY-SA when any input is BY-SA', () => {
    expect(allowedOutputLicences(['cc0', 'by-sa'])).toEqual(['by-sa']);
    expect(suggestedOutputLicence(['cc0', 'by-sa'])).toBe('by-sa');
  });

  it('suggests the most open licence that still credits BY inputs', () => {
    expect(suggestedOutputLicence(['pdm'])).toBe('cc0');
    expect(suggestedOutputLicence(['by', 'cc0'])).toBe('by');
  });
});
