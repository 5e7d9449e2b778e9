import { useI18n } from '../../i18n';
import { TEXT_FONTS, findLayer, type TextFont } from '../document/schema';
import { FONT_STACKS } from '../render/fonts';
import { patchEditor, useEditor, useHistory, useStudio } from './studio';

/**
 * The text tool's words, font and size. With a text layer selected they edit that layer (typing is one undo step
 * per run, like nudges); otherwise they are what the next tap on the canvas places.
 */
export function TextOptions() {
  const studio = useStudio();
  const { t } = useI18n();
  const doc = useHistory().present;
  const tool = useEditor((s) => s.tool);
  const selectedId = useEditor((s) => s.selectedId);
  const draft = useEditor((s) => s.textDraft);
  const font = useEditor((s) => s.textFont);
  const size = useEditor((s) => s.textSize);
  const selected = findLayer(doc, selectedId);
  const layer = selected?.kind === 'text' ? selected : null;
  if (tool !== 'text' && !layer) return null;

  const edit = (patch: { text?: string; font?: TextFont; size?: number }) => {
    if (layer) studio.doc.dispatch({ type: 'editText', layerId: layer.id, patch }, { coalesce: `text:${layer.id}` });
    patchEditor(studio, {
      ...(patch.text !== undefined ? { textDraft: patch.text } : {}),
      ...(patch.font ? { textFont: patch.font } : {}),
      ...(patch.size ? { textSize: patch.size } : {}),
    });
  };
  return (
    <div className="tool-group" data-testid="text-options">
      <label className="inline-field">
        <span>{t('text.words')}</span>
        <input
          type="text"
          maxLength={500}
          data-testid="text-input"
          value={layer ? layer.text : draft}
          placeholder={t('text.placeholder')}
          onChange={(e) => edit({ text: e.target.value })}
          onBlur={() => studio.doc.endRun()}
        />
      </label>
      <label className="inline-field">
        <span>{t('text.font')}</span>
        <select data-testid="text-font" value={layer ? layer.font : font} onChange={(e) => edit({ font: e.target.value as TextFont })}>
          {TEXT_FONTS.map((f) => (
            <option key={f} value={f} style={{ fontFamily: FONT_STACKS[f] }}>
              {t(`text.font.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('text.size')}</span>
        <input
          type="range"
          min={16}
          max={240}
          data-testid="text-size"
          value={layer ? layer.size : size}
          onChange={(e) => edit({ size: Number(e.target.value) })}
        />
      </label>
      {tool === 'text' && !layer && <p className="small muted">{t('text.hint')}</p>}
    </div>
  );
}
