import { useSyncExternalStore } from 'react';
import { toolOptions, type ToolOptions } from '../../canvas/ui/remix.controller';
import { useStudio } from '../../canvas/ui/studio';
import type { RemixTool } from '../../api/types';
import { useI18n } from '../../i18n';
import { licenceMarks, licenceMarkText, useToolCatalog } from './tool-catalog';

const TOOLS: RemixTool[] = ['style', 'cutout', 'upscale', 'cartoon', 'fixed-style'];

export function useToolOptions(): [ToolOptions, (patch: Partial<ToolOptions>) => void] {
  const store = toolOptions(useStudio());
  const value = useSyncExternalStore(store.subscribe, store.get);
  return [value, (patch) => store.set((s) => ({ ...s, ...patch }))];
}

/** Tabs for the remix tools; a tool whose models carry a licence flag shows it on the tab. */
export function ToolPicker() {
  const { t } = useI18n();
  const [options, setOptions] = useToolOptions();
  const { models } = useToolCatalog();
  return (
    <div className="tool-picker" role="tablist" aria-label={t('tools.label')} data-testid="tool-picker">
      {TOOLS.map((tool) => {
        const marks = new Set(models.filter((m) => m.tool === tool).flatMap(licenceMarks));
        return (
          <button
            key={tool}
            type="button"
            role="tab"
            aria-selected={options.tool === tool}
            className={options.tool === tool ? 'tab active' : 'tab'}
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
