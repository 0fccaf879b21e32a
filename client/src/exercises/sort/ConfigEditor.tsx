import { SORT_LIMITS } from '@playfield/shared/exercises/sort/limits';
import { bindConfig, EditableList, PromptField, TextList } from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';
import styles from './ConfigEditor.module.css';

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
export default function SortConfigEditor(props: ConfigEditorProps<'sort'>) {
  const { config, field, list } = bindConfig(props);
  const { onChange } = props;
  return (
    <div className="stack stack--tight">
      <PromptField {...field('prompt')} label="Prompt" maxLength={SORT_LIMITS.promptLength} />
      <TextList
        legend={`Categories (${SORT_LIMITS.minCategories} to ${SORT_LIMITS.maxCategories})`}
        noun="category"
        {...list('categories')}
        min={SORT_LIMITS.minCategories}
        max={SORT_LIMITS.maxCategories}
        maxLength={SORT_LIMITS.categoryLength}
        onRemove={(i) => onChange(withoutCategory(config, i))}
      />
      <EditableList
        legend={`Statements (up to ${SORT_LIMITS.maxItems})`}
        noun="statement"
        {...list('items')}
        min={1}
        max={SORT_LIMITS.maxItems}
        rowClassName={styles.item}
        blank={() => ({ text: '', answer: null })}
      >
        {(item, i, set) => (
          <>
            <input
              aria-label={`Statement ${i + 1}`}
              value={item.text}
              maxLength={SORT_LIMITS.itemLength}
              onChange={(e) => set({ ...item, text: e.target.value })}
            />
            <select
              aria-label={`Expected category for statement ${i + 1}`}
              value={item.answer === null ? '' : String(item.answer)}
              onChange={(e) =>
                set({ ...item, answer: e.target.value === '' ? null : Number(e.target.value) })
              }
            >
              <option value="">No right answer</option>
              {config.categories.map((c, j) => (
                <option key={j} value={j}>
                  {c || `Category ${j + 1}`}
                </option>
              ))}
            </select>
          </>
        )}
      </EditableList>
    </div>
  );
}
