import { STAFF_ROLES, type StaffRole } from '@atelier/contracts/staff-roles';
import type { StaffAccountView, UpdateStaffRequest } from '@atelier/contracts/staff.schema';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/http';
import { staffApi } from '../../api/staff.client';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n, type Translate } from '../../i18n';
import { StaffGate } from './StaffGate';

/** The admin's staff page: accounts and roles (the server checks the role; `npm run staff` does the same). */
export function StaffPage() {
  const { t } = useI18n();
  return (
    <div className="page staff">
      <h1>{t('nav.staff')}</h1>
      <StaffGate permission="manageStaff">{(user, loggedOut) => <StaffAccounts me={user.username} onLoggedOut={loggedOut} />}</StaffGate>
    </div>
  );
}

/** A server refusal in the admin's words; the rest as every page says it. */
function refusal(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.code === 'username_taken') return t('staff.taken');
    if (err.code === 'weak_password') return t('staff.weakPassword');
    if (err.code === 'own_account') return t('staff.ownAccount');
    if (err.status === 400) return t('staff.badInput');
  }
  return describeError(err, t);
}

function StaffAccounts({ me, onLoggedOut }: { me: string; onLoggedOut(): void }) {
  const { t } = useI18n();
  const [accounts, setAccounts] = useState<StaffAccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) onLoggedOut();
    setError(refusal(err, t));
  };
  useEffect(() => {
    staffApi.list().then(setAccounts, failed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per visit
  }, []);

  const run = async (work: () => Promise<StaffAccountView>, done: (a: StaffAccountView) => string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const account = await work();
      setAccounts((list) => {
        const rest = (list ?? []).filter((a) => a.username !== account.username);
        return [...rest, account].sort((a, b) => a.username.localeCompare(b.username));
      });
      setStatus(done(account));
      return true;
    } catch (err) {
      failed(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const update = (username: string, body: UpdateStaffRequest, done: (a: StaffAccountView) => string) =>
    run(() => staffApi.update(username, body), done);

  return (
    <>
      <LiveMessage error={error} status={status} testId="staff" />
      <h2>{t('staff.accounts')}</h2>
      {accounts === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <table className="staff-table" data-testid="staff-accounts">
          <thead>
            <tr>
              <th scope="col">{t('moderation.username')}</th>
              <th scope="col">{t('staff.roleLabel')}</th>
              <th scope="col">{t('staff.state')}</th>
              <th scope="col">{t('staff.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <AccountRow key={a.username} account={a} self={a.username === me} busy={busy} update={update} />
            ))}
          </tbody>
        </table>
      )}
      <NewAccount busy={busy} create={(body) => run(() => staffApi.create(body), (a) => t('staff.created', { name: a.username }))} />
    </>
  );
}

function RoleSelect({ value, onChange, label, disabled, testId }: { value: StaffRole; onChange(r: StaffRole): void; label: string; disabled?: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <select aria-label={label} value={value} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.value as StaffRole)}>
      {STAFF_ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`staff.role.${r}`)}
        </option>
      ))}
    </select>
  );
}

function AccountRow({
  account: a,
  self,
  busy,
  update,
}: {
  account: StaffAccountView;
  self: boolean;
  busy: boolean;
  update(username: string, body: UpdateStaffRequest, done: (a: StaffAccountView) => string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [resetting, setResetting] = useState(false);
  const reset = async (e: FormEvent) => {
    e.preventDefault();
    if (await update(a.username, { password }, () => t('staff.passwordSet', { name: a.username }))) {
      setPassword('');
      setResetting(false);
    }
  };
  return (
    <tr data-testid={`staff-row-${a.username}`}>
      <th scope="row">{a.username}</th>
      <td>
        <RoleSelect
          label={t('staff.roleOf', { name: a.username })}
          value={a.role}
          disabled={busy || self}
          testId={`staff-role-${a.username}`}
          onChange={(role) => void update(a.username, { role }, () => t('staff.roleSet', { name: a.username, role: t(`staff.role.${role}`) }))}
        />
      </td>
      <td>{a.disabled ? t('staff.disabled') : t('staff.active')}</td>
      <td className="row">
        {!self && (
          <button
            type="button"
            disabled={busy}
            data-testid={`staff-toggle-${a.username}`}
            onClick={() =>
              void update(a.username, { disabled: !a.disabled }, () => t(a.disabled ? 'staff.enabledNow' : 'staff.disabledNow', { name: a.username }))
            }
          >
            {a.disabled ? t('staff.enable') : t('staff.disable')}
          </button>
        )}
        {resetting ? (
          <form className="row" onSubmit={reset}>
            <label className="field">
              <span className="field-label">{t('staff.newPassword')}</span>
              <input
                type="password"
                autoComplete="new-password"
                minLength={12}
                required
                value={password}
                data-testid={`staff-password-${a.username}`}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              {t('staff.setPassword')}
            </button>
          </form>
        ) : (
          <button type="button" disabled={busy} data-testid={`staff-reset-${a.username}`} onClick={() => setResetting(true)}>
            {t('staff.resetPassword')}
          </button>
        )}
      </td>
    </tr>
  );
}

function NewAccount({ busy, create }: { busy: boolean; create(body: { username: string; role: StaffRole; password: string }): Promise<boolean> }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<StaffRole>('educator');
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await create({ username: username.trim().toLowerCase(), role, password })) {
      setUsername('');
      setPassword('');
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-staff-title" data-testid="staff-new">
      <h2 id="new-staff-title">{t('staff.newAccount')}</h2>
      <label className="field">
        <span className="field-label">{t('moderation.username')}</span>
        <input value={username} required pattern="[a-zA-Z0-9._\-]{3,40}" autoComplete="off" data-testid="staff-new-username" onChange={(e) => setUsername(e.target.value)} />
        <span className="muted">{t('staff.usernameHint')}</span>
      </label>
      <label className="field">
        <span className="field-label">{t('staff.roleLabel')}</span>
        <RoleSelect label={t('staff.roleLabel')} value={role} onChange={setRole} testId="staff-new-role" />
      </label>
      <label className="field">
        <span className="field-label">{t('moderation.password')}</span>
        <input type="password" autoComplete="new-password" minLength={12} required value={password} data-testid="staff-new-password" onChange={(e) => setPassword(e.target.value)} />
        <span className="muted">{t('staff.passwordHint')}</span>
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="staff-new-submit">
        {t('staff.create')}
      </button>
    </form>
  );
}
