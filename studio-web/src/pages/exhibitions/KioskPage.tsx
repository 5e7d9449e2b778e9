import type { KioskManifest, KioskSlide } from '@atelier/contracts/exhibition.schema';
import { kioskSettings, nextIndexAfterChange } from '@atelier/contracts/exhibition';
import { isLang } from '@atelier/contracts/lang';
import { useEffect, useMemo, useRef, useState } from 'react';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';
import { useKioskManifest } from './use-kiosk-manifest';

/** The slide on screen: advances on a timer to the next slide whose image has loaded, and survives manifest changes. */
function useSlideShow(slides: readonly KioskSlide[], seconds: number) {
  const [index, setIndex] = useState(0);
  const shownIds = useRef<string[]>([]);
  const indexRef = useRef(0);
  indexRef.current = index;
  // Images known not to load (offline, withdrawn meanwhile): skipped until the next manifest arrives.
  const failed = useRef(new Set<string>());
  // The next image, loaded ahead; held so the browser keeps it decoded.
  const preloaded = useRef<HTMLImageElement | null>(null);

  const ids = slides.map((s) => s.creationId);
  const key = ids.join();
  useEffect(() => {
    const previous = shownIds.current;
    const current = previous[indexRef.current] ?? null;
    failed.current.clear();
    setIndex(nextIndexAfterChange(previous, current, ids, indexRef.current));
    shownIds.current = ids;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the ids
  }, [key]);

  const safeIndex = slides.length ? Math.min(index, slides.length - 1) : 0;
  const nextIndex = () => {
    for (let step = 1; step <= slides.length; step++) {
      const i = (safeIndex + step) % slides.length;
      if (!failed.current.has(slides[i]!.imageUrl)) return i;
    }
    return safeIndex;
  };

  useEffect(() => {
    if (slides.length < 2) return;
    const next = slides[nextIndex()];
    if (next) {
      const img = new Image();
      img.onerror = () => failed.current.add(next.imageUrl);
      img.src = next.imageUrl;
      preloaded.current = img;
    }
    const timer = setTimeout(() => setIndex(nextIndex()), seconds * 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-armed per slide
  }, [safeIndex, key, seconds]);

  return { slide: slides[safeIndex] ?? null, index: safeIndex, step: (by: number) => slides.length && setIndex((safeIndex + by + slides.length) % slides.length) };
}

/** A museum screen or digital frame: full screen, no pointer, the exhibition's slides on a loop for days. */
export function KioskPage({ id }: { id: string }) {
  const { t, lang, setLang } = useI18n();
  const search = useMemo(() => new URLSearchParams(window.location.search), []);
  const { manifest, connection, gone } = useKioskManifest(id);
  const settings = kioskSettings(manifest ?? { slideSeconds: 12, transition: 'fade' }, search);
  const { slide, step } = useSlideShow(manifest?.slides ?? [], settings.slideSeconds);

  useEffect(() => {
    const lang = search.get('lang');
    if (isLang(lang)) setLang(lang);
    // The rest of the site stays out of sight (and out of the tab order); the screen is asked to stay awake.
    document.body.classList.add('kiosk-mode');
    let lock: { release(): Promise<void> } | null = null;
    const wake = () =>
      (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock
        ?.request('screen')
        .then((l) => (lock = l), () => undefined);
    void wake();
    const onVisible = () => document.visibilityState === 'visible' && void wake();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.body.classList.remove('kiosk-mode');
      document.removeEventListener('visibilitychange', onVisible);
      void lock?.release().catch(() => undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once
  }, []);

  // Staff setting a screen up may step with the arrow keys and go full screen with F; nobody needs to.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight') step(1);
      else if (e.key === 'ArrowLeft') step(-1);
      else if (e.key === 'f' || e.key === 'F') void document.documentElement.requestFullscreen?.().catch(() => undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const title = manifest ? manifest.title[lang] : '';
  return (
    <div
      className={`kiosk kiosk-${settings.orientation} kiosk-t-${settings.transition}`}
      role="region"
      aria-label={t('kiosk.label', { title })}
      aria-live="off"
      data-testid="kiosk"
      data-slide-id={slide?.creationId ?? ''}
      data-version={manifest?.version ?? ''}
      data-slides={(manifest?.slides ?? []).map((x) => x.creationId).join(',')}
      data-connection={connection}
    >
      {slide ? (
        <figure key={slide.creationId} className="kiosk-slide" data-testid="kiosk-slide">
          <div className="kiosk-image">
            <img src={slide.imageUrl} alt={slide.altText} width={slide.width} height={slide.height} />
          </div>
          <figcaption className="kiosk-caption">
            <h1 className="kiosk-title" data-testid="kiosk-title">{slide.title}</h1>
            <p className="kiosk-maker" data-testid="kiosk-maker">
              {slide.maker ? t('kiosk.byMaker', { maker: slide.maker[lang] }) : t('kiosk.by')}, {slide.year}
            </p>
            {slide.basedOn.length > 0 && (
              <p className="kiosk-credit" data-testid="kiosk-credit">
                {t('kiosk.basedOn')}:{' '}
                {slide.basedOn.map((w) => [`“${w.title}”`, w.creator, w.institution].filter(Boolean).join(', ')).join('; ')}
                {slide.basedOnMore > 0 && ` ${t('kiosk.andMore', { n: slide.basedOnMore })}`}
              </p>
            )}
            <p className="kiosk-licence">{slide.licence}</p>
            <div className="kiosk-qr">
              <QrCode value={slide.pageUrl} label={t('kiosk.qr', { title: slide.title })} size={150} testId="kiosk-qr" />
              <span>{t('kiosk.scan')}</span>
            </div>
          </figcaption>
        </figure>
      ) : (
        <p className="kiosk-empty" data-testid="kiosk-empty">
          {gone ? t('kiosk.gone') : manifest ? t('kiosk.empty') : t('kiosk.connecting')}
        </p>
      )}
      <p className="kiosk-connection" data-testid="kiosk-connection" data-state={connection}>
        {connection === 'offline' ? t('kiosk.offline') : ''}
      </p>
    </div>
  );
}
