import { RANKING_LIMITS } from '@playfield/shared/exercises/ranking/index';
import { EditableList, PromptField } from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

/** Edits a ranking round: the question and 3 to 10 items, each with an optional description. */
export default function RankingConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'ranking'>) {
  return (
    <div className="stack stack--tight">
      <PromptField
        id={`${idPrefix}-question`}
        value={config.question}
        maxLength={RANKING_LIMITS.questionLength}
        onChange={(question) => onChange({ ...config, question })}
      />
      <EditableList
        legend={`Items to rank (${RANKING_LIMITS.minItems} to ${RANKING_LIMITS.maxItems})`}
        noun="item"
        items={config.items}
        min={RANKING_LIMITS.minItems}
        max={RANKING_LIMITS.maxItems}
        blank={() => ({ label: '', description: '' })}
        onChange={(items) => onChange({ ...config, items })}
      >
        {(item, i, set) => (
          <>
            <input
              aria-label={`Item ${i + 1}`}
              value={item.label}
              maxLength={RANKING_LIMITS.itemLength}
              onChange={(e) => set({ ...item, label: e.target.value })}
            />
            <input
              aria-label={`Description of item ${i + 1} (optional)`}
              placeholder="Description (optional)"
              value={item.description}
              maxLength={RANKING_LIMITS.descriptionLength}
              onChange={(e) => set({ ...item, description: e.target.value })}
            />
          </>
        )}
      </EditableList>
    </div>
  );
}
