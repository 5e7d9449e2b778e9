import type { Tool } from '@atelier/contracts/tools';
import { useI18n } from '../../i18n';
import { licenceMarks, licenceMarkText, useToolCatalog } from './tool-catalog';
import { useToolOptions } from './tool-options';

/** Tabs for the remix tools the catalogue has models for; a tool whose models carry a licence mark shows it. */
export function ToolPicker({ tools, selected }: { tools: readonly Tool[]; selected: Tool | undefined }) {
  const { t } = useI18n();
  const [, setOptions] = useToolOptions();
  const { models } = useToolCatalog();
  return (
    <div className="tool-picker" role="tablist" aria-label={t('tools.label')} data-testid="tool-picker">
      {tools.map((tool) => {
        const marks = new Set(models.filter((m) => m.tool === tool).flatMap(licenceMarks));
        return (
          <button
            key={tool}
            type="button"
            role="tab"
            aria-selected={selected === tool}
            className={selected === tool ? 'tab active' : 'tab'}
            data-testid={`remix-tool-${tool}`}
            onClick={() => setOptions({ tool })}
          >
            {t(`tools.${tool}`)}
            {[...marks].map((mark) => (
              <span key={mark} className="badge warn" data-testid="model-licence-flag">
                {' '}
                {licenceMarkText(mark, t)}
              </span>
            ))}
          </button>
        );
      })}
    </div>
  );
}
