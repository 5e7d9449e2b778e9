/**
 * Issue 12 item 3: wall labels as PDF, for staff who curate. The PDF's text is read back out of the file
 * (testing/label-pdf-text.ts); services/label-pdf.test.ts also rasterises one where a PDF renderer is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelPdfText } from '../../testing/label-pdf-text';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

const PUBLIC = 'https://atelier.museum.example';
let g: TestGallery;
let curator: string;
let juror: string;
let approved: string;
let pending: string;
let maker: { nl: string; en: string };

beforeAll(async () => {
  g = await startTestGallery({ env: { ATELIER_PUBLIC_URL: PUBLIC } });
  await g.addWork('open-1', 'cc0', { title: 'Girl with a Pearl Earring', creator: 'Johannes Vermeer', dateDisplay: 'c. 1665', institution: 'Mauritshuis' });
  ({ 'cur.anna': curator, 'jury.jan': juror } = await g.staffSessions([['cur.anna', 'moderator'], ['jury.jan', 'jury']], 'correct horse battery'));
  approved = (await g.publish(publishMeta({ title: 'Meisje met de parel, opnieuw', licence: 'cc0' }, ['open-1']))).json().id;
  pending = (await g.publish(publishMeta({ title: 'Still pending', licence: 'cc0' }, ['open-1']))).json().id;
  expect((await g.decide(approved, curator, { decision: 'approve' })).statusCode).toBe(200);
  maker = (await g.app.inject({ method: 'GET', url: '/api/gallery/creations/maker', headers: g.visitor.headers })).json();
});
afterAll(async () => g?.close());

const get = (url: string, cookie?: string) => g.app.inject({ method: 'GET', url: `/api/gallery${url}`, headers: cookie ? { cookie } : {} });

describe('wall labels', () => {
  it('401 without a session, 403 for a juror, 404 for a creation that is not approved', async () => {
    expect((await get(`/creations/${approved}/label.pdf`)).statusCode).toBe(401);
    expect((await get(`/creations/${approved}/label.pdf`, juror)).statusCode).toBe(403);
    expect((await get(`/creations/${pending}/label.pdf`, curator)).statusCode).toBe(404);
    expect((await get('/exhibitions/00000000-0000-4000-8000-000000000000/labels.pdf', curator)).statusCode).toBe(404);
  });

  it("a creation's label: title, maker's pseudonym, date, the work it is based on with its credit, licence and a QR code", async () => {
    const res = await get(`/creations/${approved}/label.pdf?lang=nl`, curator);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.4');
    const text = labelPdfText(pdf)[0]!.replace(/\n/g, ' '); // lines wrapped on the label read as one
    expect(text).toContain('Meisje met de parel, opnieuw');
    expect(maker.nl).toMatch(/^\S+ \S+ \d{1,2}$/);
    expect(text).toMatch(new RegExp(`Door ${maker.nl}, een bezoeker van Open Atelier, \\d{1,2} \\w+ \\d{4}`));
    expect(text).toContain('Gebaseerd op:');
    expect(text).toContain('“Girl with a Pearl Earring” door Johannes Vermeer, c. 1665');
    expect(text).toContain('Licentie: CC0 1.0');
    expect(text).toContain('Scan om het online te zien');
    // The QR code is drawn: hundreds of dark squares.
    expect((pdf.toString('latin1').match(/ re\n/g) ?? []).length).toBeGreaterThan(100);
  });

  it("an exhibition's labels: a title page, then one label per creation shown", async () => {
    const e = await g.app.inject({
      method: 'POST',
      url: '/api/gallery/exhibitions',
      headers: { cookie: curator, origin: g.origin },
      payload: { title: { en: 'Pearls', nl: 'Parels' }, text: { en: 'Visitors remix the girl.', nl: 'Bezoekers remixen het meisje.' }, creationIds: [approved], startsOn: '2026-05-01', endsOn: null, public: false, slideSeconds: 10, transition: 'fade' },
    });
    expect(e.statusCode).toBe(201);
    const res = await get(`/exhibitions/${e.json().id}/labels.pdf`, curator);
    expect(res.statusCode).toBe(200);
    const pages = labelPdfText(res.rawPayload);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Pearls');
    expect(pages[0]).toContain('1 creation by visitors');
    expect(pages[1]!.replace(/\n/g, ' ')).toContain(`By ${maker.en}, a visitor of Open Atelier`);
  });
});
