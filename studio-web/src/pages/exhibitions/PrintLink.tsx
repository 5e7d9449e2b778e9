import { PRINT_SIZE_IDS, PRINT_SIZES, type PrintSize } from '@atelier/contracts/print';
import { useState } from 'react';
import { useI18n } from '../../i18n';

/**
 * A print-ready image of an approved creation (issue 12 item 3): the paper size, and a download of the creation upscaled
 * to it by ESRGAN on the server (it takes a while: the link is a plain download, the browser shows its progress).
 */
export function PrintLink({ creationId }: { creationId: string }) {
  const { t, lang } = useI18n();
  const [size, setSize] = useState<PrintSize>('a3-150');
  return (
    <span className="print-link">
      <label>
        {t('exhibition.printSize')}{' '}
        <select value={size} onChange={(e) => setSize(e.target.value as PrintSize)}>
          {PRINT_SIZE_IDS.map((id) => (
            <option key={id} value={id}>
              {`${PRINT_SIZES[id].paper}, ${PRINT_SIZES[id].dpi} dpi (${PRINT_SIZES[id].longSide} px)`}
            </option>
          ))}
        </select>
      </label>{' '}
      <a href={`/api/gallery/creations/${encodeURIComponent(creationId)}/print.png?size=${size}&lang=${lang}`} download>
        {t('exhibition.print')}
      </a>
    </span>
  );
}
