import { patchEditor, useEditor, useStudio } from '../../canvas/ui/studio';
import { FractionSlider } from '../../components/FractionSlider';
import { useI18n } from '../../i18n';
import { activeRecipe } from './remix-request';
import { useToolCatalog } from './tool-catalog';
import { useToolOptions } from './tool-options';

/** Style tool extras: a second work to mix in, and the curated styles with what to look for. */
export function StyleExtras() {
  const studio = useStudio();
  const { t, lang } = useI18n();
  const [options, setOptions] = useToolOptions();
  const { recipes } = useToolCatalog();
  const works = useEditor((s) => s.works);
  const styleWorkId = useEditor((s) => s.styleWorkId);
  const candidates = Object.values(works).filter((w) => w.id !== styleWorkId);
  const active = activeRecipe({ recipe: recipes.find((r) => r.id === options.recipeId) ?? null, styleWorkId });

  return (
    <>
      {styleWorkId && candidates.length > 0 && (
        <label className="field">
          <span className="field-label">{t('style.mix')}</span>
          <select data-testid="remix-mix-work" value={options.mixWorkId ?? ''} onChange={(e) => setOptions({ mixWorkId: e.target.value || null })}>
            <option value="">{t('style.mixNone')}</option>
            {candidates.map((w) => (
              <option key={w.id} value={w.id}>
                {w.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {options.mixWorkId && options.mixWorkId !== styleWorkId && (
        <FractionSlider label={t('style.mixWeight')} value={options.mixWeight} testId="remix-mix-weight" onChange={(v) => setOptions({ mixWeight: v })} />
      )}
      {recipes.length > 0 && (
        <fieldset className="field recipes" data-testid="recipe-list">
          <legend className="field-label">{t('style.recipes')}</legend>
          <ul className="plain-list">
            {recipes.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="link-button"
                  data-testid="recipe-item"
                  data-recipe-id={r.id}
                  aria-pressed={active?.id === r.id}
                  onClick={() => {
                    setOptions({ recipeId: r.id });
                    patchEditor(studio, { styleWorkId: r.params.styleWorkId, strength: r.params.strength });
                  }}
                >
                  {r.title[lang]}
                </button>
              </li>
            ))}
          </ul>
          {active && (
            <p className="small muted" data-testid="recipe-look-for">
              {t('style.lookFor', { text: active.lookFor[lang] })}
            </p>
          )}
        </fieldset>
      )}
    </>
  );
}
