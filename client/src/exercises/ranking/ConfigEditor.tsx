import { RANKING_LIMITS } from '@playfield/shared/exercises/ranking/index';
import { bindConfig, DescribedList, PromptField } from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

/** Edits a ranking round: the question and 3 to 10 items, each with an optional description. */
export default function RankingConfigEditor(props: ConfigEditorProps<'ranking'>) {
  const { field, list } = bindConfig(props);
  return (
    <div className="stack stack--tight">
      <PromptField {...field('question')} maxLength={RANKING_LIMITS.questionLength} />
      <DescribedList
        legend={`Items to rank (${RANKING_LIMITS.minItems} to ${RANKING_LIMITS.maxItems})`}
        noun="item"
        {...list('items')}
        min={RANKING_LIMITS.minItems}
        max={RANKING_LIMITS.maxItems}
        labelLength={RANKING_LIMITS.itemLength}
        descriptionLength={RANKING_LIMITS.descriptionLength}
      />
    </div>
  );
}
