import { notFound } from '@atelier/common/errors';
import type { Lang } from '@atelier/contracts/lang';
import { OUTPUT_LICENCES } from '@atelier/contracts/licences';
import { isUuid, type CreationRecord } from './creation';
import type { ExhibitionService } from './exhibition.service';
import { creationIiifUrls } from './iiif-presentation';
import { LABEL_PAGE, MM, PdfDocument, type PdfPage } from './label-pdf';
import { provenanceCredits } from './provenance';

const WORDS: Record<Lang, { by: string; byMaker: (maker: string) => string; basedOn: string; licence: string; scan: string; scanExhibition: string; creations: (n: number) => string }> = {
  en: {
    by: 'A creation by a visitor of',
    byMaker: (maker) => `By ${maker}, a visitor of`,
    basedOn: 'Based on',
    licence: 'Licence',
    scan: 'Scan to see it online',
    scanExhibition: 'Scan for the exhibition online',
    creations: (n) => `${n} ${n === 1 ? 'creation' : 'creations'} by visitors`,
  },
  nl: {
    by: 'Een creatie van een bezoeker van',
    byMaker: (maker) => `Door ${maker}, een bezoeker van`,
    basedOn: 'Gebaseerd op',
    licence: 'Licentie',
    scan: 'Scan om het online te zien',
    scanExhibition: 'Scan voor de tentoonstelling online',
    creations: (n) => `${n} ${n === 1 ? 'creatie' : 'creaties'} van bezoekers`,
  },
};

const MARGIN = 9 * MM;
const QR = 30 * MM;

export interface LabelDeps {
  creations: { findById(id: string): Promise<CreationRecord | null> };
  exhibitions: Pick<ExhibitionService, 'staffSelection' | 'pageUrl'>;
  publicUrl: string;
  studioName: string;
}

/**
 * Printable wall labels (issue 12 item 3) as PDF, A6 landscape: per creation its title, maker (their pseudonym, a
 * visitor of the studio), date, the works it is based on with their credits, its licence and a QR code to its page;
 * per exhibition a title page and one label for each creation shown, in the curated order. Approved creations only.
 */
export class LabelService {
  constructor(private readonly deps: LabelDeps) {}

  async creationLabel(id: string, lang: Lang): Promise<{ pdf: Buffer; title: string }> {
    const creation = isUuid(id) ? await this.deps.creations.findById(id.toLowerCase()) : null;
    if (!creation || creation.status !== 'approved') throw notFound('creation_not_found', 'No approved creation with this id.');
    const doc = new PdfDocument(LABEL_PAGE, { title: creation.title, author: this.deps.studioName });
    doc.page((p) => this.drawLabel(p, creation, lang));
    return { pdf: doc.bytes(), title: creation.title };
  }

  async exhibitionLabels(id: string, lang: Lang): Promise<{ pdf: Buffer; title: string }> {
    const { exhibition, creations } = await this.deps.exhibitions.staffSelection(id);
    const title = exhibition.title[lang];
    const doc = new PdfDocument(LABEL_PAGE, { title, author: this.deps.studioName });
    doc.page((p) => {
      const top = LABEL_PAGE.height - MARGIN;
      const width = LABEL_PAGE.width - 2 * MARGIN - QR - 6 * MM;
      let y = p.paragraph(MARGIN, top - 16, width, 18, 'bold', title, 22);
      y = p.paragraph(MARGIN, y - 4, width, 10, 'regular', WORDS[lang].creations(creations.length));
      const dates = [exhibition.startsOn, exhibition.endsOn].filter(Boolean).join(' – ');
      if (dates) y = p.paragraph(MARGIN, y, width, 10, 'regular', dates);
      if (exhibition.text[lang]) p.paragraph(MARGIN, y - 6, LABEL_PAGE.width - 2 * MARGIN, 8.5, 'regular', exhibition.text[lang].slice(0, 900), 11);
      p.qr(LABEL_PAGE.width - MARGIN - QR, top - QR, QR, this.deps.exhibitions.pageUrl(exhibition.id));
      p.text(LABEL_PAGE.width - MARGIN - QR, top - QR - 10, 6.5, 'regular', WORDS[lang].scanExhibition);
    });
    for (const c of creations) doc.page((p) => this.drawLabel(p, c, lang));
    return { pdf: doc.bytes(), title };
  }

  private drawLabel(p: PdfPage, c: CreationRecord, lang: Lang): void {
    const w = WORDS[lang];
    const top = LABEL_PAGE.height - MARGIN;
    const textWidth = LABEL_PAGE.width - 2 * MARGIN - QR - 6 * MM;
    const { ingredients } = provenanceCredits(c.provenance, { title: c.title, studioName: this.deps.studioName }, lang);
    const date = c.createdAt.toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

    let y = p.paragraph(MARGIN, top - 16, textWidth, 17, 'bold', c.title, 21);
    const by = c.maker ? w.byMaker(c.maker[lang]) : w.by;
    y = p.paragraph(MARGIN, y - 2, textWidth, 10, 'regular', `${by} ${this.deps.studioName}, ${date}`, 13);
    p.qr(LABEL_PAGE.width - MARGIN - QR, top - QR, QR, creationIiifUrls(this.deps.publicUrl, c.id).homepage);
    p.text(LABEL_PAGE.width - MARGIN - QR, top - QR - 10, 6.5, 'regular', w.scan);

    // Below the QR code the text may use the whole width.
    const wide = LABEL_PAGE.width - 2 * MARGIN;
    y = Math.min(y - 8, top - QR - 20);
    const seen = new Set<string>();
    const credits = ingredients.filter((i) => !seen.has(i.workId) && seen.add(i.workId)).map((i) => i.credit);
    if (credits.length) {
      p.text(MARGIN, y, 8.5, 'bold', `${w.basedOn}:`);
      y -= 11;
      for (const credit of credits) {
        if (y < MARGIN + 22) break;
        y = p.paragraph(MARGIN, y, wide, 7.5, 'regular', credit, 9.5) - 2;
      }
    }
    p.line(MARGIN, MARGIN + 14, LABEL_PAGE.width - MARGIN, MARGIN + 14);
    p.text(MARGIN, MARGIN + 3, 7.5, 'regular', `${w.licence}: ${OUTPUT_LICENCES[c.licenceId].label} (${c.licenceUri})`);
  }
}
