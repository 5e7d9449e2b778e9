import type { KioskSlide } from '@atelier/contracts/exhibition.schema';
import { useI18n } from '../../../i18n';

/** A work's wall label as the garden shows it, in HTML (readable, and read out): title, maker, sources, licence. */
export function WorkLabel({ slide, headingLevel, testId }: { slide: KioskSlide; headingLevel: 2 | 3; testId: string }) {
  const { t, lang } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="garden-label" data-testid={testId} data-creation-id={slide.creationId}>
      <Heading className="garden-label-title" data-testid={`${testId}-title`}>
        {slide.title}
      </Heading>
      <p className="garden-label-maker" data-testid={`${testId}-maker`}>
        {slide.maker ? t('kiosk.byMaker', { maker: slide.maker[lang] }) : t('kiosk.by')}, {slide.year}
      </p>
      {slide.basedOn.length > 0 && (
        <p data-testid={`${testId}-based-on`}>
          {t('kiosk.basedOn')}: {slide.basedOn.map((w) => [`“${w.title}”`, w.creator, w.institution].filter(Boolean).join(', ')).join('; ')}
          {slide.basedOnMore > 0 && ` ${t('kiosk.andMore', { n: slide.basedOnMore })}`}
        </p>
      )}
      <p data-testid={`${testId}-licence`}>{t('garden.licence', { licence: slide.licence })}</p>
      <p>
        <a href={slide.pageUrl}>{t('garden.page', { title: slide.title })}</a>
      </p>
    </div>
  );
}
