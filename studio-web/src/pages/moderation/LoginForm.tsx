import { useState, type FormEvent } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { ApiError } from '../../api/http';
import type { StaffUser } from '@atelier/contracts/staff.schema';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';

export function LoginForm({ onLoggedIn }: { onLoggedIn(user: StaffUser): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await galleryApi.login(username.trim(), password);
      onLoggedIn(await galleryApi.me());
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('moderation.badLogin') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel login" onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{t('moderation.login')}</h2>
      <label className="field">
        <span className="field-label">{t('moderation.username')}</span>
        <input value={username} autoComplete="username" required data-testid="login-username" onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('moderation.password')}</span>
        <input
          type="password"
          value={password}
          autoComplete="current-password"
          required
          data-testid="login-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <LiveMessage error={error} testId="login" />
      <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
        {t('moderation.loginButton')}
      </button>
    </form>
  );
}
