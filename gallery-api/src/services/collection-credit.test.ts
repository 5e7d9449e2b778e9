import { describe, expect, it } from 'vitest';
import { evaluateLicence, type CanonicalLicence } from '@atelier/contracts/licences';
import { buildCreditLine } from './collection-credit';

function licence(uri: string): CanonicalLicence {
  const v = evaluateLicence(uri);
  if (!v.accepted) throw new Error(v.reason);
  return v.licence;
}

const starry = { title: 'The Starry Night', creator: 'Vincent van Gogh', dateDisplay: '1889', institution: 'The Museum of Modern Art, New York' };

describe('buildCreditLine', () => {
  it('writes Title, Author, Source and Licence', () => {
    expect(buildCreditLine(starry, licence('https://creativecommons.org/publicdomain/mark/1.0/'))).toBe(
      '“The Starry Night”, Vincent van Gogh, 1889, The Museum of Modern Art, New York — Public Domain Mark 1.0',
    );
  });

  it('leaves out what is unknown', () => {
    expect(
      buildCreditLine({ title: 'Hibiscus', creator: null, dateDisplay: null, institution: ' ' }, licence('https://creativecommons.org/publicdomain/zero/1.0/')),
    ).toBe('“Hibiscus” — CC0 1.0');
  });

  it('links the licence of CC BY and BY-SA works, as they require', () => {
    expect(buildCreditLine(starry, licence('https://creativecommons.org/licenses/by/4.0/'))).toMatch(
      / — CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)$/,
    );
  });

  it('uses the attribution a source supplies, adding the licence only when it is missing', () => {
    const pdm = licence('https://creativecommons.org/publicdomain/mark/1.0/');
    const supplied = '“The Starry Night”, Vincent van Gogh. Image: Public Domain Mark 1.0 (https://creativecommons.org/publicdomain/mark/1.0/).';
    expect(buildCreditLine({ ...starry, attribution: supplied }, pdm)).toBe(supplied);
    expect(buildCreditLine({ ...starry, attribution: 'Courtesy of MoMA' }, pdm)).toBe('Courtesy of MoMA — Public Domain Mark 1.0');
  });
});
