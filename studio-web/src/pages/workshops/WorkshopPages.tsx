import { useI18n } from '../../i18n';
import type { WorkshopRoute } from './routes';

/** Every workshop page, by route: one lazy chunk for the lot. */
export function WorkshopPages({ route: _route }: { route: WorkshopRoute }) {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t('workshop.title')}</h1>
    </section>
  );
}
