import { LIMITS } from '@playfield/shared/limits';
import { Checkbox, PromptField, TextList } from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

/** Edits a poll: the question, its options and how people answer. */
export default function PollConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'poll'>) {
  return (
    <div className="stack stack--tight">
      <PromptField
        id={`${idPrefix}-question`}
        value={config.question}
        maxLength={LIMITS.questionLength}
        onChange={(question) => onChange({ ...config, question })}
      />
      <TextList
        legend="Options"
        noun="option"
        items={config.options}
        min={2}
        max={LIMITS.pollOptions}
        maxLength={LIMITS.optionLength}
        onChange={(options) => onChange({ ...config, options })}
      />
      <Checkbox
        checked={config.isMultipleChoice}
        onChange={(isMultipleChoice) => onChange({ ...config, isMultipleChoice })}
      >
        Several answers allowed
      </Checkbox>
      <Checkbox
        checked={config.isAnonymous}
        onChange={(isAnonymous) => onChange({ ...config, isAnonymous })}
      >
        Anonymous (nobody sees who answered what)
      </Checkbox>
    </div>
  );
}
