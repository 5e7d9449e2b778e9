import { describe, expect, it } from 'vitest';
import { changesOf, creationCredit, workCredit, type CreditWork } from './credit';

const work = (over: Partial<CreditWork> = {}): CreditWork => ({
  title: 'The Harvesters',
  creator: 'Pieter Bruegel the Elder',
  date: '1565',
  institution: 'The Metropolitan Museum of Art',
  landingUrl: 'https://www.metmuseum.org/art/collection/search/435809',
  licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/',
  ...over,
});

describe('workCredit', () => {
  it('CC0: title, creator, date; institution and its page; public domain with the URI', () => {
    expect(workCredit(work(), 'en')).toBe(
      '“The Harvesters” by Pieter Bruegel the Elder, 1565. The Metropolitan Museum of Art, https://www.metmuseum.org/art/collection/search/435809. ' +
        'Public domain: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
  });

  it('in Dutch', () => {
    expect(workCredit(work(), 'nl')).toBe(
      '“The Harvesters” door Pieter Bruegel the Elder, 1565. The Metropolitan Museum of Art, https://www.metmuseum.org/art/collection/search/435809. ' +
        'Publiek domein: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
  });

  it("names the work by its title in the reader's language where the source gives one", () => {
    const titles = { en: 'The Harvesters', nl: 'De korenoogst' };
    expect(workCredit(work({ titles }), 'nl')).toMatch(/^“De korenoogst” door Pieter Bruegel the Elder, 1565\. /);
    expect(workCredit(work({ titles }), 'en')).toMatch(/^“The Harvesters” by /);
    // No Dutch title: the default one.
    expect(workCredit(work({ titles: { en: 'The Harvesters' } }), 'nl')).toMatch(/^“The Harvesters” door /);
    // An institution's whole line in English: a public-domain work is credited in Dutch from its fields ...
    const own = '“The Harvesters”, Pieter Bruegel the Elder, 1565, The Metropolitan Museum of Art. Image: CC0 1.0 Universal.';
    expect(workCredit(work({ titles, attribution: own, landingUrl: null }), 'nl')).toBe(
      '“De korenoogst” door Pieter Bruegel the Elder, 1565. The Metropolitan Museum of Art. Publiek domein: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
    expect(workCredit(work({ titles, attribution: own, landingUrl: null }), 'en')).toBe(own);
    // ... while under BY the wording the institution asked for stays.
    const by = '“The Harvesters”, Pieter Bruegel the Elder, © A Museum, CC BY 4.0';
    expect(workCredit(work({ titles, attribution: by, landingUrl: null, licenceUri: 'https://creativecommons.org/licenses/by/4.0/' }), 'nl')).toMatch(/^“The Harvesters”, Pieter Bruegel the Elder, © A Museum, CC BY 4\.0\./);
  });

  it("uses the institution's own requested attribution, which usually names it", () => {
    expect(workCredit(work({ attribution: 'The Metropolitan Museum of Art, Rogers Fund, 1919' }), 'en')).toContain(
      '. The Metropolitan Museum of Art, Rogers Fund, 1919, https://www.metmuseum.org/',
    );
    // An attribution that does not name the institution keeps the institution beside it.
    expect(workCredit(work({ attribution: 'Gift of J. Pierpont Morgan, 1917' }), 'en')).toContain(
      '. The Metropolitan Museum of Art, Gift of J. Pierpont Morgan, 1917, https://',
    );
  });

  it("keeps an attribution that is a whole credit line as the institution wrote it, adding only what it lacks", () => {
    const own = '“The Harvesters”, Pieter Bruegel the Elder, 1565, The Metropolitan Museum of Art, New York. Image: CC0 1.0 Universal (https://creativecommons.org/publicdomain/zero/1.0/).';
    // It names its licence already; the page is added; nothing is said twice.
    expect(workCredit(work({ attribution: own }), 'en')).toBe(`${own} https://www.metmuseum.org/art/collection/search/435809.`);
    expect(workCredit(work({ attribution: own, landingUrl: null }), 'nl')).toBe(own);
    // One that does not name the licence gets the licence sentence, in the visitor's language.
    expect(workCredit(work({ attribution: '“The Harvesters”, courtesy of The Met', landingUrl: null }), 'nl')).toBe(
      '“The Harvesters”, courtesy of The Met. Publiek domein: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
  });

  it('BY and BY-SA: "licensed under" with the label and the canonical URI, port kept in the label', () => {
    expect(workCredit(work({ licenceUri: 'https://creativecommons.org/licenses/by-sa/3.0/nl/' }), 'en')).toMatch(
      /Licensed under CC BY-SA 3\.0 NL \(https:\/\/creativecommons\.org\/licenses\/by-sa\/3\.0\/\)\.$/,
    );
    expect(workCredit(work({ licenceUri: 'https://creativecommons.org/licenses/by/4.0/' }), 'nl')).toMatch(
      /Licentie: CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)\.$/,
    );
  });

  it('leaves out what is unknown', () => {
    expect(workCredit({ title: 'Hibiscus', creator: null, institution: ' ', landingUrl: null, licenceUri: 'https://creativecommons.org/publicdomain/mark/1.0/' }, 'en')).toBe(
      '“Hibiscus”. Public domain: Public Domain Mark 1.0 (https://creativecommons.org/publicdomain/mark/1.0/).',
    );
  });
});

describe('creationCredit', () => {
  const base = { title: 'Harbour at dusk', studioName: 'Open Atelier', year: 2026, changes: { composed: true, drawn: false, models: [] } };

  it("repeats each work's own credit, says what changed, and dedicates to the public domain", () => {
    const w = work({ attribution: 'The Metropolitan Museum of Art, Rogers Fund, 1919' });
    const line = creationCredit({ ...base, works: [w], licence: 'cc0' }, 'en');
    expect(line).toBe(
      `“Harbour at dusk” by a visitor of Open Atelier, 2026. Adapted from: ${workCredit(w, 'en')} Changes: combined in Open Atelier. ` +
        'To the extent copyright exists, this remix is dedicated to the public domain under CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
  });

  it('names drawing and each model, in Dutch too', () => {
    const changes = { composed: true, drawn: true, models: ['magenta-arbitrary-style 1.0.0'] };
    expect(creationCredit({ ...base, changes, works: [work()], licence: 'by' }, 'en')).toContain(
      'Changes: combined, drawn on and transformed with AI (magenta-arbitrary-style 1.0.0) in Open Atelier. To the extent copyright exists, this remix is licensed under CC BY 4.0',
    );
    expect(creationCredit({ ...base, changes, works: [work()], licence: 'by-sa' }, 'nl')).toMatch(
      /^“Harbour at dusk” door een bezoeker van Open Atelier, 2026\. Gebaseerd op: .* Wijzigingen: gecombineerd, beschilderd en met AI bewerkt \(magenta-arbitrary-style 1\.0\.0\) in Open Atelier\. Voor zover er auteursrecht op rust, valt deze remix onder de licentie CC BY-SA 4\.0/,
    );
  });

  it('a drawing without collection works is "this work", with no adaptation part', () => {
    expect(creationCredit({ ...base, works: [], licence: 'by' }, 'en')).toBe(
      '“Harbour at dusk” by a visitor of Open Atelier, 2026. To the extent copyright exists, this work is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    );
  });
});

describe('changesOf', () => {
  it('reads compose, draw and each model once from the provenance actions', () => {
    const model = { id: 'magenta-arbitrary-style', version: '1.0.0', files: [] };
    expect(
      changesOf([
        { type: 'compose', workIds: ['a'] },
        { type: 'remix', remixId: '1', model, params: {}, inputSha256: '', outputSha256: '' },
        { type: 'remix', remixId: '2', model, params: {}, inputSha256: '', outputSha256: '' },
      ]),
    ).toEqual({ composed: true, drawn: false, models: ['magenta-arbitrary-style 1.0.0'] });
  });
});
