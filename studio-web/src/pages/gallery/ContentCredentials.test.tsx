import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CreationCredentials } from '@atelier/contracts/creation.schema';
import { I18nProvider } from '../../i18n';
import { ContentCredentials } from './ContentCredentials';

const show = (credentials: CreationCredentials | null, lang: 'en' | 'nl' = 'en') =>
  render(
    <I18nProvider lang={lang}>
      <ContentCredentials credentials={credentials} imageUrl="/api/gallery/creations/c1/image/full" />
    </I18nProvider>,
  );

const signed = (trust: 'trusted' | 'development' | 'untrusted'): CreationCredentials => ({
  state: 'signed',
  signer: { commonName: 'Rijksmuseum Atelier', organization: 'Rijksmuseum', trust },
  fileSha256: 'f'.repeat(64),
});

describe('ContentCredentials (the creation page)', () => {
  it('says who signed it and how far to trust that, in both languages', () => {
    show(signed('development'));
    expect(screen.getByTestId('creation-credentials-signer').textContent).toBe('Signed by Rijksmuseum Atelier: not trusted, a development certificate.');
    show(signed('trusted'), 'nl');
    expect(screen.getAllByTestId('creation-credentials-signer')[1]!.textContent).toBe('Ondertekend door Rijksmuseum Atelier (vertrouwd).');
  });

  it('says an unsigned image is unsigned, and why; offers the full image and the check page either way', () => {
    show({ state: 'unsigned', signer: null, reason: 'the C2PA library cannot load on this platform', fileSha256: 'f'.repeat(64) });
    expect(screen.getByTestId('creation-credentials').textContent).toContain(
      'This image was published without content credentials: the C2PA library cannot load on this platform',
    );
    expect(screen.getByTestId('creation-download').getAttribute('href')).toBe('/api/gallery/creations/c1/image/full');
    expect(screen.getByRole('link', { name: 'Check an image' }).getAttribute('href')).toBe('/verify');
  });
});
