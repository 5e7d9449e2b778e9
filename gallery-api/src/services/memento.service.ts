import { createHash, randomBytes } from 'node:crypto';
import { HttpError, notFound } from '@atelier/common/errors';
import type { Memento, MementoLink } from '@atelier/contracts/exhibition.schema';
import type { Lang } from '@atelier/contracts/lang';
import { isUuid, type CreationRecord } from './creation';
import type { CreationView } from './creation.view';
import { creationIiifUrls } from './iiif-presentation';

/** Where mementos are kept: only the sha256 of each token (repositories/memento.repository.ts; a fake in memento.fakes.ts). */
export interface MementoStore {
  save(tokenSha256: string, creationId: string): Promise<void>;
  creationOf(tokenSha256: string): Promise<string | null>;
  /** The moderator's reason, when the creation was rejected. */
  rejectionReasonOf(creationId: string): Promise<string | null>;
}

export interface MementoDeps {
  store: MementoStore;
  creations: { findById(id: string): Promise<CreationRecord | null> };
  images: { read(key: string): Promise<Buffer> };
  view: CreationView;
  /** The keyed hash a creation keeps of its publishing session (the publisher's `visitorKey`). */
  visitorKey: (sessionId: string) => string;
  publicUrl: string;
}

/** 32 random bytes: 256 bits, unguessable; base64url, so it fits a URL and a QR code as it is. */
export const newMementoToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
/** The memento page: the token in the fragment, which a browser never sends to a server or puts in a Referer. */
export const mementoUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/memento#${token}`;

const noMemento = () => notFound('memento_not_found', 'This memento link is not known.');

/**
 * A visitor's take-home memento (issue 12 item 4): right after publishing, the publishing session asks for a private
 * link to its creation; whoever holds the link sees it in every status (with the moderator's reason when rejected),
 * downloads its image and prints a postcard. The token is shown once and kept only as a sha256.
 */
export class MementoService {
  constructor(private readonly deps: MementoDeps) {}

  /** For the session that published `creationId` only; any other request is 404, as if it did not exist. */
  async create(creationId: string, sessionId: string | null): Promise<MementoLink> {
    const id = creationId.toLowerCase();
    const creation = isUuid(id) ? await this.deps.creations.findById(id) : null;
    if (!creation || !sessionId || !creation.visitorKey || creation.visitorKey !== this.deps.visitorKey(sessionId))
      throw notFound('creation_not_found', 'No such creation.');
    const token = newMementoToken();
    await this.deps.store.save(tokenHash(token), creation.id);
    return { token, url: mementoUrl(this.deps.publicUrl, token) };
  }

  async open(token: string, lang: Lang): Promise<Memento> {
    const creation = await this.creationOf(token);
    const view = this.deps.view.creation(creation, lang);
    return {
      status: creation.status,
      title: creation.title,
      altText: creation.altText,
      creditLine: view.creditLine,
      ...(view.maker ? { maker: view.maker } : {}),
      rejectionReason: creation.status === 'rejected' ? await this.deps.store.rejectionReasonOf(creation.id) : null,
      width: creation.width,
      height: creation.height,
      pageUrl: creation.status === 'approved' ? creationIiifUrls(this.deps.publicUrl, creation.id).homepage : null,
    };
  }

  /** The full image (PNG, with its content credentials); none once withdrawn. */
  async image(token: string): Promise<{ bytes: Buffer; title: string }> {
    const creation = await this.creationOf(token);
    if (creation.status === 'withdrawn') throw new HttpError(410, 'creation_withdrawn', 'This creation was withdrawn; its image is no longer served.');
    return { bytes: await this.deps.images.read(creation.imageKeys.full), title: creation.title };
  }

  private async creationOf(token: string): Promise<CreationRecord> {
    const id = await this.deps.store.creationOf(tokenHash(token));
    const creation = id ? await this.deps.creations.findById(id) : null;
    if (!creation) throw noMemento();
    return creation;
  }
}
