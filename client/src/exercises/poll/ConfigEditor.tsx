import { LIMITS } from '@playfield/shared/limits';
import { bindConfig, Checkbox, PromptField, TextList } from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

/** Edits a poll: the question, its options and how people answer. */
export default function PollConfigEditor(props: ConfigEditorProps<'poll'>) {
  const { config, set, field, list } = bindConfig(props);
  return (
    <div className="stack stack--tight">
      <PromptField {...field('question')} maxLength={LIMITS.questionLength} />
      <TextList
        legend="Options"
        noun="option"
        {...list('options')}
        min={2}
        max={LIMITS.pollOptions}
        maxLength={LIMITS.optionLength}
      />
      <Checkbox
        checked={config.isMultipleChoice}
        onChange={(isMultipleChoice) => set({ isMultipleChoice })}
      >
        Several answers allowed
      </Checkbox>
      <Checkbox checked={config.isAnonymous} onChange={(isAnonymous) => set({ isAnonymous })}>
        Anonymous (nobody sees who answered what)
      </Checkbox>
    </div>
  );
}
