import { DOT_VOTE_LIMITS, type ExampleMode } from '@playfield/shared/exercises/dotVote/limits';
import type { ConfigEditorProps } from '../types.ts';

type Config = ConfigEditorProps<'dotVote'>['config'];

const EXAMPLE_LABELS: Record<ExampleMode, string> = {
  off: 'No examples',
  optional: 'An example is optional',
  required: 'An example is required for each choice',
};

/** The rule when the mode changes: choose up to every option, or 5 dots with 3 on one at most. */
function ruleFor(mode: Config['rule']['mode'], options: number): Config['rule'] {
  return mode === 'choose'
    ? { mode: 'choose', min: 0, max: options }
    : { mode: 'dots', dots: 5, maxPerOption: 3 };
}

/** Edits a dot vote: the question, options with descriptions, the rule, examples and privacy. */
export default function DotVoteConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'dotVote'>) {
  const { rule } = config;
  const setOption = (index: number, change: Partial<Config['options'][number]>) =>
    onChange({
      ...config,
      options: config.options.map((o, i) => (i === index ? { ...o, ...change } : o)),
    });
  const removeOption = (index: number) => {
    const options = config.options.filter((_, i) => i !== index);
    onChange({
      ...config,
      options,
      rule:
        rule.mode === 'choose'
          ? {
              ...rule,
              max: Math.min(rule.max, options.length),
              min: Math.min(rule.min, options.length),
            }
          : rule,
    });
  };
  const number = (value: string) => Math.max(0, Math.round(Number(value) || 0));
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Question</span>
        <textarea
          id={`${idPrefix}-question`}
          value={config.question}
          maxLength={DOT_VOTE_LIMITS.questionLength}
          rows={2}
          onChange={(e) => onChange({ ...config, question: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>Options (up to {DOT_VOTE_LIMITS.maxOptions})</legend>
        {config.options.map((option, i) => (
          <div className="option-row dot-vote-editor__option" key={i}>
            <input
              aria-label={`Option ${i + 1}`}
              value={option.label}
              maxLength={DOT_VOTE_LIMITS.optionLength}
              onChange={(e) => setOption(i, { label: e.target.value })}
            />
            <input
              aria-label={`Description of option ${i + 1} (optional)`}
              placeholder="One-line description (optional)"
              value={option.description}
              maxLength={DOT_VOTE_LIMITS.descriptionLength}
              onChange={(e) => setOption(i, { description: e.target.value })}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove option ${i + 1}`}
              disabled={config.options.length <= DOT_VOTE_LIMITS.minOptions}
              onClick={() => removeOption(i)}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.options.length >= DOT_VOTE_LIMITS.maxOptions}
          onClick={() =>
            onChange({ ...config, options: [...config.options, { label: '', description: '' }] })
          }
        >
          Add option
        </button>
      </fieldset>
      <div className="roles-grid">
        <label className="field">
          <span>How people vote</span>
          <select
            id={`${idPrefix}-mode`}
            value={rule.mode}
            onChange={(e) =>
              onChange({
                ...config,
                rule: ruleFor(e.target.value === 'dots' ? 'dots' : 'choose', config.options.length),
              })
            }
          >
            <option value="choose">Choose several</option>
            <option value="dots">Spread dots</option>
          </select>
        </label>
        {rule.mode === 'choose' ? (
          <>
            <label className="field">
              <span>At least (the rule; 0 for none)</span>
              <input
                type="number"
                min={0}
                max={config.options.length}
                value={rule.min}
                onChange={(e) =>
                  onChange({ ...config, rule: { ...rule, min: number(e.target.value) } })
                }
              />
            </label>
            <label className="field">
              <span>At most</span>
              <input
                type="number"
                min={1}
                max={config.options.length}
                value={rule.max}
                onChange={(e) =>
                  onChange({ ...config, rule: { ...rule, max: number(e.target.value) } })
                }
              />
            </label>
          </>
        ) : (
          <>
            <label className="field">
              <span>Dots per person</span>
              <input
                type="number"
                min={1}
                max={DOT_VOTE_LIMITS.maxDots}
                value={rule.dots}
                onChange={(e) =>
                  onChange({ ...config, rule: { ...rule, dots: number(e.target.value) } })
                }
              />
            </label>
            <label className="field">
              <span>Most dots on one option</span>
              <input
                type="number"
                min={1}
                max={rule.dots}
                value={rule.maxPerOption}
                onChange={(e) =>
                  onChange({ ...config, rule: { ...rule, maxPerOption: number(e.target.value) } })
                }
              />
            </label>
          </>
        )}
        <label className="field">
          <span>Examples</span>
          <select
            value={config.exampleMode}
            onChange={(e) => {
              const mode = (Object.keys(EXAMPLE_LABELS) as ExampleMode[]).find(
                (m) => m === e.target.value,
              );
              if (mode) onChange({ ...config, exampleMode: mode });
            }}
          >
            {(Object.keys(EXAMPLE_LABELS) as ExampleMode[]).map((mode) => (
              <option key={mode} value={mode}>
                {EXAMPLE_LABELS[mode]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={config.isAnonymous}
          onChange={(e) =>
            onChange({
              ...config,
              isAnonymous: e.target.checked,
              // An anonymous vote never names anyone.
              showShortfallNames: e.target.checked ? false : config.showShortfallNames,
            })
          }
        />
        Anonymous (nobody sees who voted for what)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.showShortfallNames}
          disabled={config.isAnonymous || rule.mode !== 'choose' || rule.min === 0}
          onChange={(e) => onChange({ ...config, showShortfallNames: e.target.checked })}
        />
        Name who falls short of the minimum on the console and the room screen
      </label>
    </div>
  );
}
