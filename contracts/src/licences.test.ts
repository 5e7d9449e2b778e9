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
    ['http://rightsstatements.org/vocab/NoC-US/1.0/', 'unknown'],
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

describe('output licences', () => {
  it('lets only CC0/PDM/BY inputs become CC0, BY or BY-SA', () => {
    expect(allowedOutputLicences(['cc0', 'pdm'])).toEqual(['cc0', 'by', 'by-sa']);
    expect(allowedOutputLicences(['by', 'pdm'])).toEqual(['cc0', 'by', 'by-sa']);
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
