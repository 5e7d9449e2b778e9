import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n';
import { PrintLink } from './PrintLink';

const ID = '0b9f6c1e-3f52-4a9d-9a55-0c7c1e2f3a4b';

describe('the print-ready image on the staff label page', () => {
  it('downloads A3 at 150 dpi by default, another paper size when chosen, in the page’s language', () => {
    render(
      <I18nProvider lang="nl">
        <PrintLink creationId={ID} />
      </I18nProvider>,
    );
    const link = screen.getByRole('link', { name: 'Afdrukklaar beeld (png)' });
    expect(link.getAttribute('href')).toBe(`/api/gallery/creations/${ID}/print.png?size=a3-150&lang=nl`);
    expect(link.hasAttribute('download')).toBe(true);
    fireEvent.change(screen.getByLabelText('Papier'), { target: { value: 'a4-300' } });
    expect(link.getAttribute('href')).toBe(`/api/gallery/creations/${ID}/print.png?size=a4-300&lang=nl`);
    expect(screen.getByRole('option', { name: 'A3, 300 dpi (4961 px)' })).toBeTruthy();
  });
});
