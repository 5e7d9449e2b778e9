/**
 * A fraction (0..1, as the studio keeps every strength and weight) on a percent slider: the one place a
 * fraction becomes a percentage.
 */
export function FractionSlider({ label, value, onChange, testId }: { label: string; value: number; onChange(value: number): void; testId: string }) {
  const percent = Math.round(value * 100);
  return (
    <label className="field">
      <span className="field-label">
        {label} <output>{percent} %</output>
      </span>
      <input
        type="range"
        min={0}
        max={100}
        step={5}
        value={percent}
        data-testid={testId}
        aria-valuetext={`${percent} %`}
        onChange={(e) => onChange(Number(e.target.value) / 100)}
      />
    </label>
  );
}
