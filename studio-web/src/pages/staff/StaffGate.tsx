import { roleMay, type StaffPermission } from '@atelier/contracts/staff-roles';
import type { StaffUser } from '@atelier/contracts/staff.schema';
import { useEffect, useState, type ReactNode } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { ApiError } from '../../api/http';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { Link } from '../../app/router';
import { LoginForm } from '../moderation/LoginForm';

/** The staff pages, each with the permission it needs: a logged-in member sees links to the ones their role may use. */
const STAFF_PAGES = [
  ['/moderation', 'moderate', 'nav.moderation'],
  ['/exhibitions', 'curate', 'exhibition.title'],
  ['/workshops', 'runWorkshops', 'workshop.title'],
  ['/staff', 'manageStaff', 'nav.staff'],
] as const;

type Session = { state: 'checking' } | { state: 'out' } | { state: 'in'; user: StaffUser };

/**
 * Every staff page's door: checks the session, shows the login form when there is none, and a plain "your role
 * cannot do this" when the role lacks `permission` (the server checks the same table, contracts STAFF_PERMISSIONS).
 * Inside, the page gets the staff member and a way to say the session ended (a 401 from a later call).
 */
export function StaffGate({
  permission,
  children,
}: {
  permission: StaffPermission;
  children: (user: StaffUser, loggedOut: () => void) => ReactNode;
}) {
  const { t } = useI18n();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    galleryApi.me().then(
      (user) => setSession({ state: 'in', user }),
      (err: unknown) => {
        setSession({ state: 'out' });
        if (!(err instanceof ApiError && (err.status === 401 || err.status === 403))) setError(describeError(err, t));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per visit
  }, []);

  const logout = async () => {
    await galleryApi.logout().catch(() => undefined);
    setSession({ state: 'out' });
  };

  // The gate's own parts sit in `.staff-bar`, which pads them like a page where the staff page puts the gate outside one.
  if (session.state === 'checking')
    return (
      <div className="staff-bar">
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  if (session.state === 'out')
    return (
      <div className="staff-bar">
        <LiveMessage error={error} testId="staff-gate" />
        <LoginForm
          onLoggedIn={(user) => {
            setError(null);
            setSession({ state: 'in', user });
          }}
        />
      </div>
    );
  const allowed = roleMay(session.user.role, permission);
  return (
    <>
      <div className="staff-bar">
        <nav className="row staff-nav" aria-label={t('staff.pages')}>
          {STAFF_PAGES.filter(([, p]) => roleMay(session.user.role, p)).map(([href, , label]) => (
            <Link key={href} href={href} aria-current={window.location.pathname === href ? 'page' : undefined}>
              {t(label)}
            </Link>
          ))}
        </nav>
        <p className="row">
          <span data-testid="staff-who">
            {t('moderation.loggedInAs', { name: session.user.username })} · {t(`staff.role.${session.user.role}`)}
          </span>
          <button type="button" data-testid="logout" onClick={() => void logout()}>
            {t('moderation.logout')}
          </button>
        </p>
        {!allowed && (
          <p className="message error" role="alert" data-testid="staff-forbidden">
            {t('staff.forbidden')}
          </p>
        )}
      </div>
      {allowed && children(session.user, () => setSession({ state: 'out' }))}
    </>
  );
}
