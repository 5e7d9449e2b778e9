import { sha256Hex } from '@atelier/common/hash';
import { checkImageUpload, DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '@atelier/common/image-upload';
import type { VerifyResult } from '@atelier/contracts/creation.schema';
import type { CreationRecord } from './creation';
import type { ContentCredentials } from './content-credentials';

export interface CreationFinder {
  findById(id: string): Promise<CreationRecord | null>;
  /** The creation whose served full image (or clean PNG) has this sha256. */
  findByFileSha256(sha256: string): Promise<CreationRecord | null>;
}

const MEDIA_TYPES = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Check an image": what a file's content credentials say, and which approved creation it is. The upload is read
 * in memory only: nothing of it is stored or logged.
 */
export class VerifyService {
  constructor(
    private readonly credentials: ContentCredentials,
    private readonly creations: CreationFinder,
    private readonly limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
  ) {}

  async verify(bytes: Buffer): Promise<VerifyResult> {
    const { format } = await checkImageUpload(bytes, this.limits);
    const { creationId, ...reading } = await this.credentials.read(bytes, MEDIA_TYPES[format]);
    // The file itself (byte for byte), else the creation its manifest names: when the studio signed it, or when the
    // file was changed (the answer then says "it says it is"). Pending and rejected creations stay unknown.
    const named = creationId && UUID.test(creationId) && (reading.openAtelier || reading.state === 'invalid') ? creationId : null;
    const match = (await this.creations.findByFileSha256(sha256Hex(bytes))) ?? (named ? await this.creations.findById(named) : null);
    return { ...reading, creation: match && match.status === 'approved' ? { id: match.id, title: match.title } : null };
  }
}
