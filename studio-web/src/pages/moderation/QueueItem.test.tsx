import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ModerationQueueItem } from '@atelier/contracts/creation.schema';
import { I18nProvider } from '../../i18n';
import { QueueItem } from './QueueItem';

const base: ModerationQueueItem = {
  id: 'c1',
  status: 'pending',
  title: 'Harbour',
  altText: null,
  licence: { id: 'cc0', uri: 'https://creativecommons.org/publicdomain/zero/1.0/', label: 'CC0 1.0' },
  creditLine: '“Harbour” by a visitor',
  width: 640,
  height: 480,
  createdAt: '2026-05-04T10:00:00Z',
  decidedAt: null,
  thumbUrl: '/api/gallery/creations/c1/image/thumb',
  thumbnailUrl: '/api/gallery/creations/c1/image/thumb',
  workingUrl: '/api/gallery/creations/c1/image/working',
  imageUrl: '/api/gallery/creations/c1/image/full',
  ingredients: [],
  safety: null,
};
const flagged: ModerationQueueItem = {
  ...base,
  safety: {
    flagged: true,
    remixes: [
      {
        remixId: 'r1',
        screened: true,
        flagged: true,
        scores: { output: { Drawing: 0, Hentai: 0.1, Neutral: 0.1, Porn: 0.72, Sexy: 0.08 } },
        flagClasses: ['Porn', 'Hentai'],
        threshold: 0.6,
      },
    ],
  },
};

const renderItem = (c: ModerationQueueItem, lang: 'en' | 'nl' = 'en') =>
  render(
    <I18nProvider lang={lang}>
      <QueueItem creation={c} busy={false} onDecide={() => {}} />
    </I18nProvider>,
  );

describe('QueueItem safety flag', () => {
  it('shows the flag with the scores that caused it', () => {
    renderItem(flagged);
    expect(screen.getByTestId('safety-flag').textContent).toContain('Flagged by the safety screen');
    expect(screen.getByTestId('safety-score').textContent).toBe('Remix result: Porn 72 % + Hentai 10 % = 82 % (flags from 60 %)');
    // Still decidable like any other creation.
    expect(screen.getByTestId('approve')).toBeTruthy();
  });

  it('says it in Dutch', () => {
    renderItem(flagged, 'nl');
    expect(screen.getByTestId('safety-flag').textContent).toContain('Gemarkeerd door de veiligheidscontrole');
  });

  it('shows no flag for an unflagged creation or one without remixes', () => {
    renderItem({ ...base, safety: { flagged: false, remixes: [] } });
    renderItem({ ...base, safety: null });
    expect(screen.queryByTestId('safety-flag')).toBeNull();
  });
});
