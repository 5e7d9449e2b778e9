import { describe, expect, it } from 'vitest';
import { remixCreditLine, workCreditLine } from './credit';
import { workOf } from './creation.fakes';

describe('workCreditLine (TASL per input)', () => {
  it('CC0: title, creator, date, institution, page, public domain', () => {
    expect(workCreditLine(workOf('a', 'cc0', { title: 'The Harvesters', creator: 'Pieter Bruegel the Elder', dateDisplay: '1565' }))).toBe(
      '“The Harvesters” by Pieter Bruegel the Elder, 1565. Frans Hals Museum. https://museum.example/a. Public domain (CC0 1.0).',
    );
  });

  it('PDM: names the Public Domain Mark and skips what is unknown', () => {
    expect(workCreditLine(workOf('b', 'pdm', { creator: null, dateDisplay: null, institution: null }))).toBe(
      '“Work b”. https://museum.example/b. Public Domain Mark 1.0.',
    );
  });

  it('BY: creator (institution), page, licence name with its link', () => {
    expect(workCreditLine(workOf('c', 'by'))).toBe(
      '“Work c” by Judith Leyster (Frans Hals Museum), https://museum.example/c, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    );
  });

  it('BY-SA: keeps the version and port label the collection stored', () => {
    const w = workOf('d', 'by-sa', { licenceUri: 'https://creativecommons.org/licenses/by-sa/3.0/', licenceLabel: 'CC BY-SA 3.0 NL' });
    expect(workCreditLine(w)).toBe(
      '“Work d” by Judith Leyster (Frans Hals Museum), https://museum.example/d, licensed under CC BY-SA 3.0 NL (https://creativecommons.org/licenses/by-sa/3.0/).',
    );
  });
});

describe('remixCreditLine', () => {
  const base = { title: 'Harbour at dusk', studioName: 'Open Atelier', year: 2026, models: [] as string[] };

  it('CC0/PDM inputs: combined (no "modified"), dedicated to the public domain', () => {
    const line = remixCreditLine({ ...base, inputs: [workOf('a', 'cc0'), workOf('b', 'pdm')], licence: 'cc0' });
    expect(line).toMatch(/^“Harbour at dusk” by a visitor of Open Atelier, 2026\. Adapted from: “Work a”.*“Work b”/);
    expect(line).toContain('Changes: combined and transformed in Open Atelier.');
    expect(line).toMatch(
      /To the extent copyright exists, this remix is dedicated to the public domain under CC0 1\.0 \(https:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/\)\.$/,
    );
  });

  it('BY input: says the inputs were modified, and names the model', () => {
    const line = remixCreditLine({ ...base, inputs: [workOf('c', 'by')], licence: 'by', models: ['magenta-arbitrary-style 1.0.0'] });
    expect(line).toContain('Changes: modified, combined and transformed in Open Atelier with AI (magenta-arbitrary-style 1.0.0).');
    expect(line).toMatch(/this remix is licensed under CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)\.$/);
  });

  it('BY-SA input: licensed under BY-SA 4.0', () => {
    const line = remixCreditLine({ ...base, inputs: [workOf('d', 'by-sa'), workOf('a', 'cc0')], licence: 'by-sa' });
    expect(line).toContain('modified, combined');
    expect(line).toMatch(/licensed under CC BY-SA 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0\/\)\.$/);
  });

  it('a drawing without collection works is "this work", with no adaptation part', () => {
    expect(remixCreditLine({ ...base, inputs: [], licence: 'by' })).toBe(
      '“Harbour at dusk” by a visitor of Open Atelier, 2026. To the extent copyright exists, this work is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    );
  });
});
