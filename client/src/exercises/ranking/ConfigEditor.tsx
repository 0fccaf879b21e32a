import { RANKING_LIMITS } from '@playfield/shared/exercises/ranking/index';
import type { ConfigEditorProps } from '../types.ts';

/** Edits a ranking round: the question and 3 to 10 items, each with an optional description. */
export default function RankingConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'ranking'>) {
  const setItem = (index: number, patch: Partial<{ label: string; description: string }>) =>
    onChange({
      ...config,
      items: config.items.map((item, i) => (i === index ? { ...item, ...patch } : item)),
    });
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Question</span>
        <textarea
          id={`${idPrefix}-question`}
          value={config.question}
          maxLength={RANKING_LIMITS.questionLength}
          rows={2}
          onChange={(e) => onChange({ ...config, question: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>
          Items to rank ({RANKING_LIMITS.minItems} to {RANKING_LIMITS.maxItems})
        </legend>
        {config.items.map((item, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Item ${i + 1}`}
              value={item.label}
              maxLength={RANKING_LIMITS.itemLength}
              onChange={(e) => setItem(i, { label: e.target.value })}
            />
            <input
              aria-label={`Description of item ${i + 1} (optional)`}
              placeholder="Description (optional)"
              value={item.description}
              maxLength={RANKING_LIMITS.descriptionLength}
              onChange={(e) => setItem(i, { description: e.target.value })}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove item ${i + 1}`}
              disabled={config.items.length <= RANKING_LIMITS.minItems}
              onClick={() => onChange({ ...config, items: config.items.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.items.length >= RANKING_LIMITS.maxItems}
          onClick={() =>
            onChange({ ...config, items: [...config.items, { label: '', description: '' }] })
          }
        >
          Add item
        </button>
      </fieldset>
    </div>
  );
}
