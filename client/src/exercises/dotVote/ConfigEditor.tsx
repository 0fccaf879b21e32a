import { DOT_VOTE_LIMITS, type ExampleMode } from '@playfield/shared/exercises/dotVote/limits';
import {
  bindConfig,
  Checkbox,
  DescribedList,
  NumberField,
  NumberFields,
  PromptField,
  without,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';
import styles from './ConfigEditor.module.css';

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
export default function DotVoteConfigEditor(props: ConfigEditorProps<'dotVote'>) {
  const { config, set, field, list } = bindConfig(props);
  const { idPrefix } = props;
  const { rule } = config;
  const removeOption = (index: number) => {
    const options = without(config.options, index);
    set({
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
  return (
    <div className="stack stack--tight">
      <PromptField {...field('question')} maxLength={DOT_VOTE_LIMITS.questionLength} />
      <DescribedList
        legend={`Options (up to ${DOT_VOTE_LIMITS.maxOptions})`}
        noun="option"
        {...list('options')}
        min={DOT_VOTE_LIMITS.minOptions}
        max={DOT_VOTE_LIMITS.maxOptions}
        rowClassName={styles.option}
        labelLength={DOT_VOTE_LIMITS.optionLength}
        descriptionLength={DOT_VOTE_LIMITS.descriptionLength}
        placeholder="One-line description (optional)"
        onRemove={removeOption}
      />
      <NumberFields>
        <label className="field">
          <span>How people vote</span>
          <select
            id={`${idPrefix}-mode`}
            value={rule.mode}
            onChange={(e) =>
              set({
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
            <NumberField
              label="At least (the rule; 0 for none)"
              min={0}
              max={config.options.length}
              value={rule.min}
              onChange={(n) => set({ rule: { ...rule, min: Math.max(0, n) } })}
            />
            <NumberField
              label="At most"
              min={1}
              max={config.options.length}
              value={rule.max}
              onChange={(n) => set({ rule: { ...rule, max: Math.max(0, n) } })}
            />
          </>
        ) : (
          <>
            <NumberField
              label="Dots per person"
              min={1}
              max={DOT_VOTE_LIMITS.maxDots}
              value={rule.dots}
              onChange={(n) => set({ rule: { ...rule, dots: Math.max(0, n) } })}
            />
            <NumberField
              label="Most dots on one option"
              min={1}
              max={rule.dots}
              value={rule.maxPerOption}
              onChange={(n) => set({ rule: { ...rule, maxPerOption: Math.max(0, n) } })}
            />
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
              if (mode) set({ exampleMode: mode });
            }}
          >
            {(Object.keys(EXAMPLE_LABELS) as ExampleMode[]).map((mode) => (
              <option key={mode} value={mode}>
                {EXAMPLE_LABELS[mode]}
              </option>
            ))}
          </select>
        </label>
      </NumberFields>
      <Checkbox
        checked={config.isAnonymous}
        onChange={(isAnonymous) =>
          set({
            isAnonymous,
            // An anonymous vote never names anyone.
            showShortfallNames: isAnonymous ? false : config.showShortfallNames,
          })
        }
      >
        Anonymous (nobody sees who voted for what)
      </Checkbox>
      <Checkbox
        checked={config.showShortfallNames}
        disabled={config.isAnonymous || rule.mode !== 'choose' || rule.min === 0}
        onChange={(showShortfallNames) => set({ showShortfallNames })}
      >
        Name who falls short of the minimum on the console and the room screen
      </Checkbox>
    </div>
  );
}
