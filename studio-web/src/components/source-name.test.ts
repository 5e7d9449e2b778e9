import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { sourceName } from './source-name';

describe('sourceName', () => {
  it('names the own collection in the visitor’s language and the museum sources by name', () => {
    expect(sourceName('local', (k, v) => translate('en', k, v))).toBe('Own collection');
    expect(sourceName('local', (k, v) => translate('nl', k, v))).toBe('Eigen collectie');
    expect(sourceName('rijksmuseum', (k, v) => translate('nl', k, v))).toBe('Rijksmuseum');
    expect(sourceName('met', (k, v) => translate('en', k, v))).toBe('The Met');
    expect(sourceName('some-new-source', (k, v) => translate('en', k, v))).toBe('some-new-source');
  });
});
