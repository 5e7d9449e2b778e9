import { useI18n } from '../../i18n';

/** The admin's staff page: accounts and roles. */
export function StaffPage() {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t('nav.staff')}</h1>
    </section>
  );
}
