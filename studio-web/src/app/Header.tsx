import { useI18n, type Lang } from '../i18n';
import { Link } from './router';

/** The site's pages in the header: path, label, test id. */
const NAV = [
  ['/', 'nav.studio', 'nav-studio'],
  ['/gallery', 'nav.gallery', 'nav-gallery'],
  ['/mine', 'nav.mine', 'nav-mine'],
  ['/exhibitions', 'nav.exhibitions', 'nav-exhibitions'],
  ['/moderation', 'nav.moderation', 'nav-moderation'],
] as const;

export function Header({ pathname }: { pathname: string }) {
  const { t, lang, setLang } = useI18n();
  const current = (href: string) =>
    (href === '/' ? pathname === '/' : pathname.startsWith(href)) ? ('page' as const) : undefined;
  const langs: { id: Lang; label: string }[] = [
    { id: 'nl', label: 'Nederlands' },
    { id: 'en', label: 'English' },
  ];
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Link href="/" className="brand">
        Open Atelier
      </Link>
      <nav aria-label={t('nav.label')}>
        {NAV.map(([href, label, testId]) => (
          <Link key={href} href={href} aria-current={current(href)} data-testid={testId}>
            {t(label)}
          </Link>
        ))}
      </nav>
      <div className="lang-switch" role="group" aria-label={t('nav.language')}>
        {langs.map((l) => (
          <button key={l.id} type="button" lang={l.id} aria-pressed={lang === l.id} data-testid={`lang-${l.id}`} onClick={() => setLang(l.id)}>
            {l.label}
          </button>
        ))}
      </div>
    </header>
  );
}
