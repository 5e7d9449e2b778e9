import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import type { Builder as BuilderClass, LocalSigner as LocalSignerClass, Reader as ReaderClass, SigningAlg } from '@contentauth/c2pa-node';
import { sha256Hex } from '@atelier/common/hash';
import type { CreationCredentials, CredentialSigner } from '@atelier/contracts/creation.schema';
import type { C2paSettings } from '../config';
import { ACTIONS_ASSERTION, CREATION_ASSERTION, CREATIVE_WORK_ASSERTION, PLACED_IMAGES, type C2paManifestDefinition } from '../services/c2pa-manifest';
import { UnsignedCredentials, emptyReading, type ContentCredentials, type CredentialsReading } from '../services/content-credentials';
import { DEV_ORGANIZATION, developmentSigningMaterial, type SigningMaterial } from './c2pa-dev-certificate';

type C2paNode = { Builder: typeof BuilderClass; LocalSigner: typeof LocalSignerClass; Reader: typeof ReaderClass };

/** Failures that say the signer's certificate is not on a trust list: reported as the signer's trust, not as invalid. */
const TRUST_CODES = new Set(['signingCredential.untrusted']);

/** C2PA signing and reading with c2pa-node (the C2PA reference library, c2pa-rs, as a native module). */
export class C2paNodeCredentials implements ContentCredentials {
  readonly kind = 'c2pa';
  private readonly signer: LocalSignerClass;
  /** This studio's own signing certificate, by which a manifest is told to be the studio's own. */
  private readonly own: OwnSigner;

  constructor(
    private readonly lib: C2paNode,
    material: SigningMaterial,
    alg: SigningAlg,
    /** PEM of the roots this studio trusts (C2PA_TRUST_ANCHORS); none: every signer is untrusted. */
    private readonly trustAnchorsPem: string | null,
  ) {
    this.signer = lib.LocalSigner.newSigner(Buffer.from(material.chainPem), Buffer.from(material.keyPem), alg);
    const cert = new X509Certificate(material.chainPem);
    this.own = { serial: BigInt(`0x${cert.serialNumber}`), commonName: /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? null };
  }

  async sign(png: Buffer, manifest: C2paManifestDefinition): Promise<{ png: Buffer; credentials: CreationCredentials }> {
    const builder = this.lib.Builder.withJson(manifest as never);
    const output: { buffer: Buffer | null } = { buffer: null };
    builder.sign(this.signer, { buffer: png, mimeType: 'image/png' }, output);
    if (!output.buffer) throw new Error('c2pa-node signed nothing');
    // The studio reads its own file back, so the record states the signer and trust exactly as a verifier will.
    const reading = await this.read(output.buffer, 'image/png');
    if (reading.state !== 'valid') throw new Error(`a freshly signed image does not validate: ${reading.reasons.map((r) => r.code).join(', ')}`);
    return { png: output.buffer, credentials: { state: 'signed', signer: reading.signer, fileSha256: sha256Hex(output.buffer) } };
  }

  async read(bytes: Buffer, mimeType: string): Promise<CredentialsReading> {
    let reader: ReaderClass | null;
    try {
      reader = await this.lib.Reader.fromAsset({ buffer: bytes, mimeType }, this.settings());
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/JumbfNotFound|no jumbf|not found/i.test(message)) return emptyReading('none');
      return { ...emptyReading('invalid'), reasons: [{ code: 'unreadable_manifest', explanation: message }] };
    }
    if (!reader) return emptyReading('none');
    return readingOf(reader, this.own);
  }

  private settings(): object | undefined {
    return this.trustAnchorsPem ? { verify: { verify_trust: true }, trust: { trust_anchors: this.trustAnchorsPem } } : undefined;
  }
}

interface ManifestJson {
  title?: string;
  claim_generator_info?: { name?: string; version?: string }[];
  ingredients?: { title?: string; relationship?: string; informational_URI?: string; metadata?: Record<string, unknown> }[];
  assertions?: { label: string; data: Record<string, unknown> }[];
  signature_info?: { common_name?: string; issuer?: string; cert_serial_number?: string };
}

type Status = { code: string; explanation?: string };
type OwnSigner = { serial: bigint; commonName: string | null };

function readingOf(reader: ReaderClass, own: OwnSigner): CredentialsReading {
  const store = reader.json() as { validation_state?: string; validation_status?: Status[] };
  const m = (reader.getActive() ?? {}) as ManifestJson;
  const failures = (store.validation_status ?? []).filter((s) => !TRUST_CODES.has(s.code));
  const valid = store.validation_state !== 'Invalid' && failures.length === 0;
  const assertion = (label: string) => m.assertions?.find((a) => a.label === label)?.data;
  const creative = assertion(CREATIVE_WORK_ASSERTION) as { license?: string; creditText?: string } | undefined;
  const creation = assertion(CREATION_ASSERTION) as { creationId?: string } | undefined;
  const actions = ((assertion(ACTIONS_ASSERTION) ?? assertion('c2pa.actions'))?.actions ?? []) as {
    action: string;
    softwareAgent?: string | { name?: string; version?: string };
    digitalSourceType?: string;
  }[];
  const generator = m.claim_generator_info?.[0];
  const signer = signerOf(m.signature_info, store.validation_state === 'Trusted');
  // Anyone can write our assertion labels: a manifest is the studio's when this studio signed it, or a trusted signer did.
  const ownSigned = isOwn(m.signature_info, own);
  return {
    state: valid ? 'valid' : 'invalid',
    reasons: failures.map((s) => ({ code: s.code, explanation: s.explanation ?? s.code })),
    openAtelier: typeof creation?.creationId === 'string' && (ownSigned || signer?.trust === 'trusted'),
    signer,
    claimGenerator: generator?.name ? [generator.name, generator.version].filter(Boolean).join(' ') : null,
    title: m.title ?? null,
    licence: creative?.license ?? null,
    creditLine: creative?.creditText ?? null,
    actions: actions.map((a) => ({
      action: a.action,
      softwareAgent: typeof a.softwareAgent === 'string' ? a.softwareAgent : a.softwareAgent?.name ? [a.softwareAgent.name, a.softwareAgent.version].filter(Boolean).join(' ') : null,
      digitalSourceType: a.digitalSourceType ?? null,
    })),
    ingredients: (m.ingredients ?? []).map((i) => {
      const placed = placedSha256Of(i.metadata);
      return { title: i.title ?? '', relationship: i.relationship ?? null, url: i.informational_URI ?? null, ...(placed.length ? { placedSha256: placed } : {}) };
    }),
    creationId: typeof creation?.creationId === 'string' ? creation.creationId : null,
  };
}

/** The sha256 of each placed image file an ingredient's metadata names (ours, `PLACED_IMAGES`); anything else is ignored. */
function placedSha256Of(metadata: Record<string, unknown> | undefined): string[] {
  const files = metadata?.[PLACED_IMAGES];
  if (!Array.isArray(files)) return [];
  return files.map((f) => (f as { sha256?: unknown })?.sha256).filter((h): h is string => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h));
}

function isOwn(info: ManifestJson['signature_info'], own: OwnSigner): boolean {
  if (!info?.cert_serial_number || !/^\d+$/.test(info.cert_serial_number)) return false;
  return BigInt(info.cert_serial_number) === own.serial && (info.common_name ?? null) === own.commonName;
}

function signerOf(info: ManifestJson['signature_info'], trusted: boolean): CredentialSigner | null {
  if (!info) return null;
  const organization = info.issuer ?? null;
  return {
    commonName: info.common_name ?? null,
    organization,
    trust: trusted ? 'trusted' : organization === DEV_ORGANIZATION ? 'development' : 'untrusted',
  };
}

export interface OpenedCredentials {
  credentials: ContentCredentials;
  /** One line for the start-up log: which signer, or why unsigned. */
  note: string;
}

/**
 * The studio's content credentials from its settings: the museum's chain and key, else the development chain (made
 * at first start); unsigned when switched off or when the native module cannot load on this platform.
 */
export async function openContentCredentials(settings: C2paSettings): Promise<OpenedCredentials> {
  if (settings.mode === 'off') return unsigned('content credentials are switched off (C2PA_SIGNING=off)');
  let lib: C2paNode;
  try {
    lib = (await import('@contentauth/c2pa-node')) as unknown as C2paNode;
  } catch (err) {
    return unsigned(`the C2PA library cannot load on this platform (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  const own = settings.certChainPath && settings.privateKeyPath;
  const material: SigningMaterial = own
    ? { chainPem: await readFile(settings.certChainPath!, 'utf8'), keyPem: await readFile(settings.privateKeyPath!, 'utf8') }
    : await developmentSigningMaterial(settings.devDir);
  const anchors = settings.trustAnchorsPath ? await readFile(settings.trustAnchorsPath, 'utf8') : null;
  const credentials = new C2paNodeCredentials(lib, material, settings.alg, anchors);
  return {
    credentials,
    note: own ? `C2PA signing with ${settings.certChainPath}` : `C2PA signing with the development certificate in ${settings.devDir} (shown as not trusted)`,
  };
}

const unsigned = (reason: string): OpenedCredentials => ({ credentials: new UnsignedCredentials(reason), note: `creations are published unsigned: ${reason}` });
