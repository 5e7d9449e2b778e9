import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ExhibitionRepository } from './repositories/exhibition.repository';
import { MementoRepository } from './repositories/memento.repository';
import { OpenCallRepository } from './repositories/open-call.repository';
import { WithdrawalRepository } from './repositories/withdrawal.repository';
import type { CreationRecord } from './services/creation';
import type { CreationView } from './services/creation.view';
import { ExhibitionService } from './services/exhibition.service';
import { LabelService } from './services/label.service';
import { MementoService } from './services/memento.service';
import type { Notices } from './services/notices';
import { OpenCallService } from './services/open-call.service';
import type { StaffAuditLog } from './services/staff-audit';
import { WithdrawalService } from './services/withdrawal.service';

export interface ExhibitionParts {
  pool: pg.Pool;
  creations: { findById(id: string): Promise<CreationRecord | null> };
  images: { read(key: string): Promise<Buffer> };
  view: CreationView;
  audit: StaffAuditLog;
  /** The keyed hash a creation keeps of its publishing session. */
  visitorKey: (sessionId: string) => string;
  publicUrl: string;
  studioName: string;
  /** Where changes are announced to every gallery-api process (repositories/pg-notices.ts). */
  notices: Notices;
}

/**
 * Issue 12's part of the composition root (composition.ts calls it once): exhibitions and their kiosks, withdrawals,
 * mementos, wall labels and open calls, built on their repositories.
 */
export function composeExhibitions(p: ExhibitionParts) {
  const store = new ExhibitionRepository(p.pool);
  const exhibitions = new ExhibitionService({
    store,
    creations: p.creations,
    view: p.view,
    audit: p.audit,
    publicUrl: p.publicUrl,
    studioName: p.studioName,
    notices: p.notices,
  });
  return {
    exhibitions,
    withdrawals: new WithdrawalService({
      store: new WithdrawalRepository(p.pool),
      audit: p.audit,
      exhibitionsWith: (id) => store.exhibitionsWith(id),
      changed: (ids) => exhibitions.changed(ids),
    }),
    mementos: new MementoService({
      store: new MementoRepository(p.pool),
      creations: p.creations,
      images: p.images,
      view: p.view,
      visitorKey: p.visitorKey,
      publicUrl: p.publicUrl,
    }),
    openCalls: new OpenCallService({
      store: new OpenCallRepository(p.pool),
      creations: p.creations,
      view: p.view,
      audit: p.audit,
      visitorKey: p.visitorKey,
      // A voter is kept as a hash of the keyed session hash, with its own purpose: it links to no creation.
      voterKey: (sessionId) => createHash('sha256').update('open call voter\0').update(p.visitorKey(sessionId)).digest('hex'),
    }),
    labels: new LabelService({ creations: p.creations, exhibitions, publicUrl: p.publicUrl, studioName: p.studioName }),
  };
}

export type Exhibitions = ReturnType<typeof composeExhibitions>;
