import { LIMITS } from '@playfield/shared/limits';
import type { ConfigEditorProps } from '../types.ts';

/** Edits a poll: the question, its options and how people answer. */
export default function PollConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'poll'>) {
  const setOption = (index: number, value: string) =>
    onChange({ ...config, options: config.options.map((o, i) => (i === index ? value : o)) });
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Question</span>
        <textarea
          id={`${idPrefix}-question`}
          value={config.question}
          maxLength={LIMITS.questionLength}
          rows={2}
          onChange={(e) => onChange({ ...config, question: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>Options</legend>
        {config.options.map((option, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Option ${i + 1}`}
              value={option}
              maxLength={LIMITS.optionLength}
              onChange={(e) => setOption(i, e.target.value)}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove option ${i + 1}`}
              disabled={config.options.length <= 2}
              onClick={() =>
                onChange({ ...config, options: config.options.filter((_, j) => j !== i) })
              }
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.options.length >= LIMITS.pollOptions}
          onClick={() => onChange({ ...config, options: [...config.options, ''] })}
        >
          Add option
        </button>
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={config.isMultipleChoice}
          onChange={(e) => onChange({ ...config, isMultipleChoice: e.target.checked })}
        />
        Several answers allowed
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.isAnonymous}
          onChange={(e) => onChange({ ...config, isAnonymous: e.target.checked })}
        />
        Anonymous (nobody sees who answered what)
      </label>
    </div>
  );
}
