import { sha256Hex } from '@atelier/common/hash';
import type { CreationCredentials, VerifyResult } from '@atelier/contracts/creation.schema';
import type { C2paManifestDefinition } from './c2pa-manifest';

/**
 * The port that signs a creation's PNG with a C2PA manifest and reads one back. The real part is c2pa-node
 * (repositories/c2pa-node.credentials.ts, a native module); `UnsignedCredentials` stands in on a platform without
 * it, so publishing still works, unsigned and saying so.
 */
export interface ContentCredentials {
  readonly kind: 'c2pa' | 'unsigned';
  /** The PNG with the manifest embedded and what the creation records about it. */
  sign(png: Buffer, manifest: C2paManifestDefinition): Promise<{ png: Buffer; credentials: CreationCredentials }>;
  /** What a file's credentials say; `creationId` is what its manifest names, unchecked against the database. */
  read(bytes: Buffer, mimeType: string): Promise<CredentialsReading>;
}

export type CredentialsReading = Omit<VerifyResult, 'creation'> & { creationId: string | null };

/** A reading with nothing in it: the start of every answer. */
export const emptyReading = (state: VerifyResult['state']): CredentialsReading => ({
  state,
  reasons: [],
  openAtelier: false,
  signer: null,
  claimGenerator: null,
  title: null,
  licence: null,
  creditLine: null,
  actions: [],
  ingredients: [],
  creationId: null,
});

/** No signer on this platform (or switched off): the PNG goes out as it came, and the record says why. */
export class UnsignedCredentials implements ContentCredentials {
  readonly kind = 'unsigned';
  constructor(private readonly reason: string) {}

  async sign(png: Buffer): Promise<{ png: Buffer; credentials: CreationCredentials }> {
    return { png, credentials: { state: 'unsigned', signer: null, reason: this.reason, fileSha256: sha256Hex(png) } };
  }

  async read(): Promise<CredentialsReading> {
    return { ...emptyReading('unchecked'), reasons: [{ code: 'reader_unavailable', explanation: this.reason }] };
  }
}

/** What a creation records when its signer failed on it: said in the record, and so on the creation page. */
export const SIGNING_FAILED_REASON = 'signing failed on the server when this creation was published';

/**
 * A signer that fails on one image (its key store unreachable, a fault in the native library) does not cost the
 * visitor their creation: it is published unsigned, its record saying why, and the failure goes to `onFailure` (the
 * process log) for the operator. Reading is the signer's own.
 */
export class SigningWithFallback implements ContentCredentials {
  constructor(
    private readonly signer: ContentCredentials,
    private readonly onFailure: (err: unknown) => void,
  ) {}

  get kind(): ContentCredentials['kind'] {
    return this.signer.kind;
  }

  async sign(png: Buffer, manifest: C2paManifestDefinition): Promise<{ png: Buffer; credentials: CreationCredentials }> {
    try {
      return await this.signer.sign(png, manifest);
    } catch (err) {
      this.onFailure(err);
      return new UnsignedCredentials(SIGNING_FAILED_REASON).sign(png);
    }
  }

  read(bytes: Buffer, mimeType: string): Promise<CredentialsReading> {
    return this.signer.read(bytes, mimeType);
  }
}
