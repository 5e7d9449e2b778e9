import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { PupilSessions } from '@atelier/common/pupil-session';
import type { ObjectStorage } from '@atelier/common/storage';
import { loadPseudonymWords } from '@atelier/prompts/pupil-pseudonyms';
import type { GalleryConfig } from './config';
import { CreationImageStorage } from './repositories/creation-images.storage';
import { WorkshopRepository } from './repositories/workshop.repository';
import { HttpWorkshopRemixes } from './repositories/workshop-remixes.client';
import { PublishService, type CreationWriter, type PublishDeps, type RemixSource } from './services/publish.service';
import type { StaffAuditLog } from './services/staff-audit';
import { WorkshopEvents, WorkshopService } from './services/workshop.service';
import type { Notices } from './services/notices';

export interface WorkshopParts {
  pool: pg.Pool;
  storage: ObjectStorage;
  config: GalleryConfig;
  audit: StaffAuditLog;
  inference: RemixSource;
  /** The museum's creations: approved work of a public workshop is inserted there, pending moderation. */
  creations: Pick<CreationWriter, 'insert'>;
  keyedHash(purpose: string, value: string): string;
  /** Where workshop events reach every gallery-api process (repositories/pg-notices.ts). */
  notices: Notices;
  /** What PublishService needs besides its writer and images, as the visitors' publisher has it. */
  publishing: Omit<PublishDeps, 'creations' | 'images' | 'maxPendingPerVisitor'>;
}

/**
 * Issue 11's part of the composition root (composition.ts calls it once): the workshop service on its repository,
 * pupils' signed sessions, and a publisher that holds pupils' work for the educator instead of the public queue.
 */
export function composeWorkshops(p: WorkshopParts) {
  const { secret, secureCookie } = p.config.visitorSessions;
  // As for visitor sessions: the CLIs and the OpenAPI script serve no pupil, so a throwaway secret does.
  const sessionSecret = secret ?? randomBytes(32).toString('base64url');
  const pupilSessions = new PupilSessions(sessionSecret, secureCookie);
  // Outside `creations/`: a held creation has no row there, and the storage sweeper deletes folders without one.
  const images = new CreationImageStorage(p.storage, 'workshop-creations');
  const workshops = new WorkshopService({
    store: new WorkshopRepository(p.pool),
    audit: p.audit,
    events: new WorkshopEvents(p.notices),
    publisher: (writer) => new PublishService({ ...p.publishing, creations: writer, images }),
    remixes: p.inference,
    publicCreations: p.creations,
    images: { get: (key) => images.read(key), delete: (key) => p.storage.delete(key) },
    words: loadPseudonymWords(),
    keyedHash: p.keyedHash,
    pupils: pupilSessions,
    publicUrl: p.config.publicUrl,
    retentionDays: p.config.workshops.retentionDays,
    // Forgetting a workshop deletes its pupils' remixes in inference-service too (signed with the shared secret).
    groupRemixes: new HttpWorkshopRemixes(p.config.inferenceUrl, sessionSecret),
  });
  return { workshops, pupilSessions };
}
