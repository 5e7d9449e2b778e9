import { createHash, randomUUID } from 'node:crypto';
import { badRequest, notFound } from '@atelier/common/errors';
import type { CreationStatus } from '@atelier/contracts/creation.schema';
import {
  uniqueInOrder,
  type Exhibition,
  type ExhibitionInput,
  type ExhibitionList,
  type KioskManifest,
  type KioskSlide,
  type PublicExhibition,
  type PublicExhibitionList,
} from '@atelier/contracts/exhibition.schema';
import type { Lang } from '@atelier/contracts/lang';
import { OUTPUT_LICENCES } from '@atelier/contracts/licences';
import type { CreationRecord } from './creation';
import type { CreationView } from './creation.view';
import { buildExhibitionCollection, exhibitionPageUrl } from './exhibition-iiif';
import { dayIn, isOnView, shownInOrder, type ExhibitionRecord } from './exhibition';
import type { IiifResource } from './iiif-presentation';
import { creationIiifUrls } from './iiif-presentation';
import type { StaffAuditLog } from './staff-audit';
import { MemoryNotices, type Notices } from './notices';

export type ExhibitionFields = Omit<ExhibitionRecord, 'id' | 'updatedAt'>;

/** Where exhibitions are kept (repositories/exhibition.repository.ts; ExhibitionStoreFake in exhibition.fakes.ts). */
export interface ExhibitionStore {
  create(id: string, fields: ExhibitionFields): Promise<ExhibitionRecord>;
  /** Null: no such exhibition. */
  update(id: string, fields: ExhibitionFields): Promise<ExhibitionRecord | null>;
  find(id: string): Promise<ExhibitionRecord | null>;
  /** Every exhibition, newest first (staff). */
  list(): Promise<ExhibitionRecord[]>;
  /** The status of each of these creations that exists. */
  statusesOf(creationIds: readonly string[]): Promise<Map<string, CreationStatus>>;
  /** The exhibitions that list this creation. */
  exhibitionsWith(creationId: string): Promise<string[]>;
}

/** The creations themselves, read through the one visibility rule's reader (creation.repository.ts). */
export interface CreationLookup {
  findById(id: string): Promise<CreationRecord | null>;
}

/** Told when what an exhibition shows may have changed (a kiosk's event stream listens). */
export type ExhibitionChangeListener = (exhibitionIds: readonly string[]) => void;

export const EXHIBITION_PAGE_SIZE = 24;

export interface ExhibitionServiceDeps {
  store: ExhibitionStore;
  creations: CreationLookup;
  view: CreationView;
  audit: StaffAuditLog;
  /** The public base URL (links and QR codes; IIIF ids). */
  publicUrl: string;
  studioName: string;
  timeZone?: string;
  now?: () => Date;
  /**
   * Where changes are announced and heard (repositories/pg-notices.ts: every gallery-api process on the database).
   * None: within this process only.
   */
  notices?: Notices;
}

/** Curating (staff), and what the public and a kiosk see of an exhibition: approved creations only, always. */
export class ExhibitionService {
  private readonly notices: Notices;
  private readonly timeZone: string;
  private readonly now: () => Date;

  constructor(private readonly deps: ExhibitionServiceDeps) {
    this.timeZone = deps.timeZone ?? 'Europe/Amsterdam';
    this.now = deps.now ?? (() => new Date());
    this.notices = deps.notices ?? new MemoryNotices();
  }

  /**
   * Subscribes to changes made by any gallery-api process; answers the unsubscribe. `gap`: changes may have been
   * missed (the notices' connection was lost and is back), so whatever is shown should be read again.
   */
  onChange(listener: ExhibitionChangeListener, gap?: () => void): () => void {
    return this.notices.listen('exhibitions', {
      notice: (payload) => {
        const ids = (payload as { exhibitionIds?: unknown }).exhibitionIds;
        if (Array.isArray(ids)) listener(ids.filter((id): id is string => typeof id === 'string'));
      },
      ...(gap ? { gap } : {}),
    });
  }

  /** Announces that these exhibitions may show something else now (a save, a withdrawal), to every process. */
  async changed(exhibitionIds: readonly string[]): Promise<void> {
    if (exhibitionIds.length === 0) return;
    await this.notices.notify('exhibitions', { exhibitionIds });
  }

  today(): string {
    return dayIn(this.timeZone, this.now());
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────

  async create(input: ExhibitionInput, staffId: string): Promise<Exhibition> {
    const fields = await this.checked(input, []);
    const record = await this.deps.store.create(randomUUID(), fields);
    await this.deps.audit.record({ staffId, action: 'exhibition.create', subjectType: 'exhibition', subjectId: record.id, detail: auditDetail(record) });
    return this.staffView(record);
  }

  async update(id: string, input: ExhibitionInput, staffId: string): Promise<Exhibition> {
    const before = await this.deps.store.find(id);
    if (!before) throw unknownExhibition();
    const fields = await this.checked(input, before.creationIds);
    const record = await this.deps.store.update(id, fields);
    if (!record) throw unknownExhibition();
    await this.deps.audit.record({ staffId, action: 'exhibition.update', subjectType: 'exhibition', subjectId: id, detail: auditDetail(record) });
    await this.changed([id]);
    return this.staffView(record);
  }

  async get(id: string): Promise<Exhibition> {
    const record = await this.deps.store.find(id);
    if (!record) throw unknownExhibition();
    return this.staffView(record);
  }

  /** For staff (wall labels): the exhibition whatever its dates, with the creations it shows, in order. */
  async staffSelection(id: string): Promise<{ exhibition: ExhibitionRecord; creations: CreationRecord[] }> {
    const exhibition = await this.deps.store.find(id);
    if (!exhibition) throw unknownExhibition();
    return { exhibition, creations: await this.shown(exhibition, 0, Number.MAX_SAFE_INTEGER) };
  }

  async list(): Promise<ExhibitionList> {
    const records = await this.deps.store.list();
    return { items: records.map(({ creationIds, ...r }) => ({ ...plain(r), itemCount: creationIds.length })) };
  }

  /**
   * The selection as saved: each id once, in order; every creation added must be approved now (one already in the
   * exhibition may stay listed after it was withdrawn: staff see it flagged, nobody else sees it).
   */
  private async checked(input: ExhibitionInput, already: readonly string[]): Promise<ExhibitionFields> {
    const creationIds = uniqueInOrder(input.creationIds.map((id) => id.toLowerCase()));
    const statuses = await this.deps.store.statusesOf(creationIds);
    const kept = new Set(already);
    const refused = creationIds.filter((id) => statuses.get(id) !== 'approved' && !kept.has(id));
    if (refused.length) throw badRequest('creation_not_approved', 'Only approved creations can be exhibited.', { creationIds: refused });
    const { title, text, startsOn, endsOn, slideSeconds, transition } = input;
    return { title, text, startsOn, endsOn, public: input.public, slideSeconds, transition, creationIds };
  }

  private async staffView(r: ExhibitionRecord): Promise<Exhibition> {
    const records = await Promise.all(r.creationIds.map((id) => this.deps.creations.findById(id)));
    const items = records.flatMap((c) => (c ? [{ creationId: c.id, title: c.title, thumbUrl: this.deps.view.creation(c, 'en').thumbUrl, status: c.status }] : []));
    return { ...plain(r), items };
  }

  // ─── The public ─────────────────────────────────────────────────────────────────────────────────────

  /** Exhibitions on view today, in the visitor's language. */
  async listOnView(lang: Lang): Promise<PublicExhibitionList> {
    const today = this.today();
    const onView = (await this.deps.store.list()).filter((e) => isOnView(e, today));
    const items = await Promise.all(
      onView.map(async (e) => {
        const [cover] = await this.shown(e, 0, 1);
        return { id: e.id, title: e.title[lang], startsOn: e.startsOn, endsOn: e.endsOn, coverUrl: cover ? this.deps.view.creation(cover, lang).thumbUrl : null };
      }),
    );
    return { items };
  }

  /** An exhibition on view, one page of its creations at a time; 404 for any other (not public, before, after). */
  async publicPage(id: string, page: number, lang: Lang): Promise<PublicExhibition> {
    const e = await this.onView(id);
    const ids = await this.shownIds(e);
    const records = await this.shown(e, (page - 1) * EXHIBITION_PAGE_SIZE, EXHIBITION_PAGE_SIZE, ids);
    return {
      id: e.id,
      title: e.title[lang],
      text: e.text[lang],
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      iiifUrl: `${this.base()}/api/gallery/exhibitions/${e.id}/collection.json`,
      creations: { items: records.map((c) => this.deps.view.creation(c, lang)), total: ids.length, page, pageSize: EXHIBITION_PAGE_SIZE },
    };
  }

  /** The exhibition as a IIIF Presentation 3 Collection of its creations' manifests. */
  async iiifCollection(id: string): Promise<IiifResource> {
    const e = await this.onView(id);
    return buildExhibitionCollection(e, await this.shown(e, 0, Number.MAX_SAFE_INTEGER), { baseUrl: this.deps.publicUrl, studioName: this.deps.studioName });
  }

  /**
   * What a kiosk shows: the exhibition's approved creations in order, with their settings, and a version that
   * changes with any of it (the kiosk's ETag and its stream's cue). Kiosks show exhibitions on view only.
   */
  async kioskManifest(id: string): Promise<KioskManifest> {
    const e = await this.onView(id);
    const slides = (await this.shown(e, 0, Number.MAX_SAFE_INTEGER)).map((c) => this.slide(c));
    const body = { exhibitionId: e.id, title: e.title, slideSeconds: e.slideSeconds, transition: e.transition, slides };
    const version = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 20);
    return { ...body, version };
  }

  private slide(c: CreationRecord): KioskSlide {
    const works = new Map<string, { title: string; creator: string | null; institution: string | null }>();
    for (const i of c.provenance.ingredients) if (!works.has(i.workId)) works.set(i.workId, { title: i.title, creator: i.creator, institution: i.institution });
    const basedOn = [...works.values()];
    return {
      creationId: c.id,
      title: c.title,
      altText: c.altText ?? c.title,
      imageUrl: this.deps.view.creation(c, 'en').workingUrl,
      width: c.width,
      height: c.height,
      pageUrl: creationIiifUrls(this.deps.publicUrl, c.id).homepage,
      basedOn: basedOn.slice(0, 3),
      basedOnMore: Math.max(0, basedOn.length - 3),
      ...(c.maker ? { maker: c.maker } : {}),
      licence: OUTPUT_LICENCES[c.licenceId].label,
      year: c.createdAt.getUTCFullYear(),
    };
  }

  private async onView(id: string): Promise<ExhibitionRecord> {
    const e = await this.deps.store.find(id);
    if (!e || !isOnView(e, this.today())) throw unknownExhibition();
    return e;
  }

  private async shownIds(e: ExhibitionRecord): Promise<string[]> {
    const statuses = await this.deps.store.statusesOf(e.creationIds);
    return shownInOrder(e.creationIds, new Set([...statuses].filter(([, s]) => s === 'approved').map(([id]) => id)));
  }

  /** Approved creations of the exhibition, in order, `limit` from `offset`; each read checked again as it is read. */
  private async shown(e: ExhibitionRecord, offset: number, limit: number, ids?: string[]): Promise<CreationRecord[]> {
    const page = (ids ?? (await this.shownIds(e))).slice(offset, offset + limit);
    const records = await Promise.all(page.map((id) => this.deps.creations.findById(id)));
    return records.filter((c): c is CreationRecord => c?.status === 'approved');
  }

  private base(): string {
    return this.deps.publicUrl.replace(/\/$/, '');
  }

  /** The public page of an exhibition (the IIIF Collection's homepage). */
  pageUrl(id: string): string {
    return exhibitionPageUrl(this.deps.publicUrl, id);
  }
}

const unknownExhibition = () => notFound('exhibition_not_found', 'No such exhibition.');

const plain = (r: Omit<ExhibitionRecord, 'creationIds'>) => ({
  id: r.id,
  title: r.title,
  text: r.text,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  public: r.public,
  slideSeconds: r.slideSeconds,
  transition: r.transition,
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit log keeps of a save: the facts staff change, not the texts in full. */
const auditDetail = (r: ExhibitionRecord) => ({
  title: r.title.en,
  public: r.public,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  creationIds: r.creationIds,
});
