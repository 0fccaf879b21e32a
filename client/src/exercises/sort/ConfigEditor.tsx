import { SORT_LIMITS } from '@playfield/shared/exercises/sort/limits';
import type { ConfigEditorProps } from '../types.ts';

type Config = ConfigEditorProps<'sort'>['config'];

/** Removes category `removed`; statements expecting it expect nothing, later ones shift down. */
function withoutCategory(config: Config, removed: number): Config {
  return {
    ...config,
    categories: config.categories.filter((_, i) => i !== removed),
    items: config.items.map((item) => ({
      ...item,
      answer:
        item.answer === null || item.answer === removed
          ? null
          : item.answer > removed
            ? item.answer - 1
            : item.answer,
    })),
  };
}

/** Edits a sort: the prompt, 2 to 4 categories, and the statements with their expected category. */
export default function SortConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'sort'>) {
  const setCategory = (index: number, value: string) =>
    onChange({ ...config, categories: config.categories.map((c, i) => (i === index ? value : c)) });
  const setItem = (index: number, change: Partial<Config['items'][number]>) =>
    onChange({
      ...config,
      items: config.items.map((item, i) => (i === index ? { ...item, ...change } : item)),
    });
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Prompt</span>
        <textarea
          id={`${idPrefix}-prompt`}
          value={config.prompt}
          maxLength={SORT_LIMITS.promptLength}
          rows={2}
          onChange={(e) => onChange({ ...config, prompt: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>
          Categories ({SORT_LIMITS.minCategories} to {SORT_LIMITS.maxCategories})
        </legend>
        {config.categories.map((category, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Category ${i + 1}`}
              value={category}
              maxLength={SORT_LIMITS.categoryLength}
              onChange={(e) => setCategory(i, e.target.value)}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove category ${i + 1}`}
              disabled={config.categories.length <= SORT_LIMITS.minCategories}
              onClick={() => onChange(withoutCategory(config, i))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.categories.length >= SORT_LIMITS.maxCategories}
          onClick={() => onChange({ ...config, categories: [...config.categories, ''] })}
        >
          Add category
        </button>
      </fieldset>
      <fieldset className="field">
        <legend>Statements (up to {SORT_LIMITS.maxItems})</legend>
        {config.items.map((item, i) => (
          <div className="option-row sort-editor__item" key={i}>
            <input
              aria-label={`Statement ${i + 1}`}
              value={item.text}
              maxLength={SORT_LIMITS.itemLength}
              onChange={(e) => setItem(i, { text: e.target.value })}
            />
            <select
              aria-label={`Expected category for statement ${i + 1}`}
              value={item.answer === null ? '' : String(item.answer)}
              onChange={(e) =>
                setItem(i, { answer: e.target.value === '' ? null : Number(e.target.value) })
              }
            >
              <option value="">No right answer</option>
              {config.categories.map((c, j) => (
                <option key={j} value={j}>
                  {c || `Category ${j + 1}`}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove statement ${i + 1}`}
              disabled={config.items.length <= 1}
              onClick={() => onChange({ ...config, items: config.items.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.items.length >= SORT_LIMITS.maxItems}
          onClick={() =>
            onChange({ ...config, items: [...config.items, { text: '', answer: null }] })
          }
        >
          Add statement
        </button>
      </fieldset>
    </div>
  );
}
