import { webcrypto } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/** The organisation of the development CA and signer: a file signed with it is shown as "development", never trusted. */
export const DEV_ORGANIZATION = 'Open Atelier (development)';
const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4'; // an EKU C2PA accepts for claim signers
const ES256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEARS = 5;

export interface SigningMaterial {
  /** PEM: the signing certificate first, then its issuers. */
  chainPem: string;
  /** PEM, PKCS#8. */
  keyPem: string;
}

export const DEV_FILES = { chain: 'dev-chain.pem', key: 'dev-key.pem', ca: 'dev-ca.pem' } as const;

/** The development chain in `dir`, made at first use: a self-made CA and an ES256 signer with the extensions C2PA asks for. */
export async function developmentSigningMaterial(dir: string): Promise<SigningMaterial & { created: boolean }> {
  try {
    const [chainPem, keyPem] = await Promise.all([readFile(join(dir, DEV_FILES.chain), 'utf8'), readFile(join(dir, DEV_FILES.key), 'utf8')]);
    return { chainPem, keyPem, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const made = await makeDevelopmentChain();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // The key is written first with 0600, so it is never readable by others, even for a moment.
  await writeFile(join(dir, DEV_FILES.key), made.keyPem, { mode: 0o600 });
  await chmod(join(dir, DEV_FILES.key), 0o600);
  await writeFile(join(dir, DEV_FILES.ca), made.caPem);
  await writeFile(join(dir, DEV_FILES.chain), made.chainPem);
  return { chainPem: made.chainPem, keyPem: made.keyPem, created: true };
}

export async function makeDevelopmentChain(now = new Date()): Promise<SigningMaterial & { caPem: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const notAfter = new Date(now.getTime() + YEARS * 365 * 86_400_000);
  const caKeys = await webcrypto.subtle.generateKey(ES256, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Open Atelier development CA, O=${DEV_ORGANIZATION}`,
    notBefore: now,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ES256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const keys = await webcrypto.subtle.generateKey(ES256, true, ['sign', 'verify']);
  const signer = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=Open Atelier development signer, O=${DEV_ORGANIZATION}`,
    issuer: ca.subject,
    notBefore: now,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ES256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([EMAIL_PROTECTION], false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  const caPem = ca.toString('pem');
  return { chainPem: `${signer.toString('pem')}\n${caPem}\n`, keyPem: `${keyPem}\n`, caPem: `${caPem}\n` };
}

/** A positive random serial (RFC 5280: at most 20 octets). */
function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}
