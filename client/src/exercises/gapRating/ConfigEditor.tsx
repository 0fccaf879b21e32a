import { GAP_MAX_MEASURES, GAP_MEASURE_LENGTH } from '@playfield/shared/exercises/gapRating/limits';
import { SERVICE_QUALITY_MEASURES } from '@playfield/shared/exercises/gapRating/presets';
import type { ConfigEditorProps } from '../types.ts';

type Config = ConfigEditorProps<'gapRating'>['config'];

/** Edits an "expected vs actual" round: the question, the measures and the scale. */
export default function GapRatingConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'gapRating'>) {
  const set = (patch: Partial<Config>) => onChange({ ...config, ...patch });
  const setScale = (patch: Partial<Config['scale']>) =>
    set({ scale: { ...config.scale, ...patch } });
  const setMeasure = (index: number, value: string) =>
    set({ measures: config.measures.map((m, i) => (i === index ? value : m)) });
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Question</span>
        <textarea
          id={`${idPrefix}-question`}
          value={config.question}
          maxLength={300}
          rows={2}
          onChange={(e) => set({ question: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>Measures of service quality</legend>
        {config.measures.map((measure, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Measure ${i + 1}`}
              value={measure}
              maxLength={GAP_MEASURE_LENGTH}
              onChange={(e) => setMeasure(i, e.target.value)}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove measure ${i + 1}`}
              disabled={config.measures.length <= 1}
              onClick={() => set({ measures: config.measures.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <div className="actions">
          <button
            type="button"
            className="button button--quiet"
            disabled={config.measures.length >= GAP_MAX_MEASURES}
            onClick={() => set({ measures: [...config.measures, ''] })}
          >
            Add measure
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => set({ measures: [...SERVICE_QUALITY_MEASURES] })}
          >
            Use the eleven measures of service quality
          </button>
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>Scale</legend>
        <div className="roles-grid">
          <label className="field">
            <span>From</span>
            <select
              value={config.scale.min}
              onChange={(e) => setScale({ min: Number(e.target.value) })}
            >
              <option value={0}>0</option>
              <option value={1}>1</option>
            </select>
          </label>
          <label className="field">
            <span>To</span>
            <input
              type="number"
              min={3}
              max={10}
              value={config.scale.max}
              onChange={(e) => setScale({ max: Number(e.target.value) })}
            />
          </label>
          <label className="field">
            <span>Low end means</span>
            <input
              value={config.scale.lowLabel}
              maxLength={30}
              onChange={(e) => setScale({ lowLabel: e.target.value })}
            />
          </label>
          <label className="field">
            <span>High end means</span>
            <input
              value={config.scale.highLabel}
              maxLength={30}
              onChange={(e) => setScale({ highLabel: e.target.value })}
            />
          </label>
        </div>
      </fieldset>
    </div>
  );
}
