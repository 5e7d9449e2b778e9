import type { CreationCredentials, CredentialSigner } from '@atelier/contracts/creation.schema';
import { Link } from '../../app/router';
import { useI18n, type Translate } from '../../i18n';

/** The signer and how far to trust it, in words: a development certificate is said plainly to be no proof. */
export function signerText(signer: CredentialSigner, t: Translate): string {
  const name = signer.commonName ?? signer.organization ?? '?';
  return t(`credentials.signer.${signer.trust}`, { name });
}

/** A creation's content credentials (C2PA): whether its full image is signed, by whom, and where to check a copy. */
export function ContentCredentials({ credentials, imageUrl }: { credentials: CreationCredentials | null; imageUrl: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="credentials-title" data-testid="creation-credentials" data-state={credentials?.state ?? 'none'}>
      <h2 id="credentials-title">{t('credentials.title')}</h2>
      {credentials?.state === 'signed' ? (
        <>
          <p>{t('credentials.signed')}</p>
          {credentials.signer && <p data-testid="creation-credentials-signer">{signerText(credentials.signer, t)}</p>}
        </>
      ) : (
        <p>{credentials ? t('credentials.unsigned', { reason: credentials.reason ?? '—' }) : t('credentials.before')}</p>
      )}
      <p>
        <a href={imageUrl} download data-testid="creation-download">
          {t('credentials.download')}
        </a>
        {' · '}
        <Link href="/verify">{t('verify.link')}</Link>
      </p>
    </section>
  );
}
