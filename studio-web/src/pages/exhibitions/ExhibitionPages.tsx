import { useI18n } from '../../i18n';
import type { ExhibitionRoute } from './routes';

/** Every exhibition page, by route: one lazy chunk for the lot. */
export function ExhibitionPages({ route: _route }: { route: ExhibitionRoute }) {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t('exhibition.title')}</h1>
    </section>
  );
}
