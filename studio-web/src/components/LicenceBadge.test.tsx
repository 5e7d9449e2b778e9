import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n';
import { LicenceBadge, LicencePlain } from './LicenceBadge';

const inLang = (lang: 'nl' | 'en', ui: ReactNode) => render(<I18nProvider lang={lang}>{ui}</I18nProvider>);

describe('licences for visitors', () => {
  it('says what a visitor may do in plain words, in both languages', () => {
    inLang('en', <LicencePlain licence={{ family: 'pdm', uri: 'https://creativecommons.org/publicdomain/mark/1.0/', label: 'Public Domain Mark 1.0' }} />);
    expect(screen.getByTestId('licence-plain').textContent).toBe('Free to use, also without naming the maker');
    inLang('nl', <LicencePlain licence="https://creativecommons.org/licenses/by-sa/4.0/" />);
    expect(screen.getAllByTestId('licence-plain')[1]!.textContent).toBe('Vrij te gebruiken als je de maker noemt en wat je maakt op dezelfde manier deelt');
  });

  it('keeps the code one click away: the badge links to the licence', () => {
    inLang('en', <LicenceBadge licence="https://creativecommons.org/publicdomain/zero/1.0/" />);
    const badge = screen.getByTestId('licence-badge');
    expect(badge.textContent).toBe('CC0');
    expect(badge.getAttribute('href')).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
  });

  it('shows nothing for a licence it does not know', () => {
    inLang('en', <LicencePlain licence="https://creativecommons.org/licenses/by-nc/4.0/" />);
    expect(screen.queryByTestId('licence-plain')).toBeNull();
  });
});
