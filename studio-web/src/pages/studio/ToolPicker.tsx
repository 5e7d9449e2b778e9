import type { Tool } from '@atelier/contracts/tools';
import { onTabListKeyDown } from '../../components/tabs';
import { useI18n } from '../../i18n';
import { licenceMarks, licenceMarkText, useToolCatalog } from './tool-catalog';
import { useToolOptions } from './tool-options';

/** The id of the panel the tabs control (RemixPanel renders it). */
export const TOOL_PANEL_ID = 'remix-tool-panel';
export const toolTabId = (tool: Tool) => `remix-tab-${tool}`;

/**
 * Tabs for the remix tools the catalogue has models for; a tool whose models carry a licence mark shows it.
 * The ARIA tabs pattern: one tab in the Tab order (the selected one), arrows and Home/End move between them.
 */
export function ToolPicker({ tools, selected }: { tools: readonly Tool[]; selected: Tool | undefined }) {
  const { t } = useI18n();
  const [, setOptions] = useToolOptions();
  const { models } = useToolCatalog();
  return (
    <div
      className="tool-picker"
      role="tablist"
      aria-label={t('tools.label')}
      data-testid="tool-picker"
      onKeyDown={(e) => onTabListKeyDown(e, (i) => setOptions({ tool: tools[i]! }))}
    >
      {tools.map((tool) => {
        const marks = new Set(models.filter((m) => m.tool === tool).flatMap(licenceMarks));
        return (
          <button
            key={tool}
            type="button"
            role="tab"
            id={toolTabId(tool)}
            aria-selected={selected === tool}
            aria-controls={TOOL_PANEL_ID}
            tabIndex={selected === tool ? 0 : -1}
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
