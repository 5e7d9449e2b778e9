import { useI18n, type Lang } from '../i18n';
import { Link } from './router';

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
        <Link href="/" aria-current={current('/')} data-testid="nav-studio">
          {t('nav.studio')}
        </Link>
        <Link href="/gallery" aria-current={current('/gallery')} data-testid="nav-gallery">
          {t('nav.gallery')}
        </Link>
        <Link href="/mine" aria-current={current('/mine')} data-testid="nav-mine">
          {t('nav.mine')}
        </Link>
        <Link href="/moderation" aria-current={current('/moderation')} data-testid="nav-moderation">
          {t('nav.moderation')}
        </Link>
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
