import { QUIZ_LIMITS, LEADERBOARD_SIZES } from '@playfield/shared/exercises/quiz/limits';
import { quizPresets } from '@playfield/shared/exercises/quiz/presets';
import {
  Checkbox,
  EditableList,
  NumberField,
  PresetPicker,
  PromptField,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';
import styles from './ConfigEditor.module.css';
import { markOf } from './marks.ts';

type Config = ConfigEditorProps<'quiz'>['config'];
type Question = Config['questions'][number];

const PRESETS = Object.entries(quizPresets);
const PRESET_TITLES = PRESETS.map(
  ([key, preset]) =>
    [key, `${preset.title} (${preset.config.questions.length} questions)`] as const,
);

const blankQuestion = (): Question => ({
  text: '',
  options: ['', ''],
  correct: [0],
  timeLimitSeconds: 20,
  points: 1000,
});

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Edits a quiz: start from a built-in quiz, the settings (speed bonus, leaderboard size,
 * anonymity), and each question with its options, right answers, time limit and points.
 * The server checks everything again; this keeps the numbers inside their bounds.
 */
export default function QuizConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'quiz'>) {
  const setQuestion = (index: number, change: Partial<Question>) =>
    onChange({
      ...config,
      questions: config.questions.map((q, i) => (i === index ? { ...q, ...change } : q)),
    });
  const removeQuestion = (index: number) =>
    onChange({ ...config, questions: config.questions.filter((_, i) => i !== index) });

  return (
    <div className="stack stack--tight">
      <PresetPicker
        id={`${idPrefix}-preset`}
        label="Start from a built-in quiz"
        placeholder="Choose one to replace these questions…"
        presets={PRESET_TITLES}
        onPick={(key) => {
          const preset = PRESETS.find(([k]) => k === key)?.[1];
          if (preset) onChange(structuredClone(preset.config));
        }}
      />
      <Checkbox
        className={styles.check}
        checked={config.isSpeedBonus}
        onChange={(isSpeedBonus) => onChange({ ...config, isSpeedBonus })}
      >
        <span>Speed bonus: full points at once, falling to half at the time limit</span>
      </Checkbox>
      <label className="field">
        <span>Leaderboard shows</span>
        <select
          value={config.leaderboardSize}
          onChange={(e) =>
            onChange({
              ...config,
              leaderboardSize: Number(e.target.value) === 10 ? 10 : 5,
            })
          }
        >
          {LEADERBOARD_SIZES.map((n) => (
            <option key={n} value={n}>
              Top {n}
            </option>
          ))}
        </select>
      </label>
      <Checkbox
        className={styles.check}
        checked={config.isAnonymous}
        onChange={(isAnonymous) => onChange({ ...config, isAnonymous })}
      >
        <span>Anonymous: the leaderboard shows ranks and points, no names</span>
      </Checkbox>
      <Checkbox
        className={styles.check}
        checked={config.byTeam ?? false}
        onChange={(byTeam) => onChange({ ...config, byTeam })}
      >
        <span>By table: the session’s tables compete on their average points too</span>
      </Checkbox>
      {config.questions.map((question, qi) => (
        <QuestionEditor
          key={qi}
          index={qi}
          question={question}
          canRemove={config.questions.length > QUIZ_LIMITS.minQuestions}
          onChange={(change) => setQuestion(qi, change)}
          onRemove={() => removeQuestion(qi)}
        />
      ))}
      <div>
        <button
          type="button"
          className="button"
          disabled={config.questions.length >= QUIZ_LIMITS.maxQuestions}
          onClick={() => onChange({ ...config, questions: [...config.questions, blankQuestion()] })}
        >
          Add a question
        </button>
      </div>
    </div>
  );
}

function QuestionEditor({
  index,
  question,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  question: Question;
  canRemove: boolean;
  onChange: (change: Partial<Question>) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const toggleRight = (i: number) => {
    const correct = question.correct.includes(i)
      ? question.correct.filter((c) => c !== i)
      : [...question.correct, i].sort((a, b) => a - b);
    onChange({ correct });
  };
  const removeOption = (i: number) =>
    onChange({
      options: question.options.filter((_, j) => j !== i),
      correct: question.correct.filter((c) => c !== i).map((c) => (c > i ? c - 1 : c)),
    });
  return (
    <fieldset className={`field ${styles.question}`}>
      <legend>Question {n}</legend>
      <PromptField
        label={`Question ${n} text`}
        value={question.text}
        maxLength={QUIZ_LIMITS.questionLength}
        onChange={(text) => onChange({ text })}
      />
      <p className="muted">
        Tick every right answer. Several right: people score only with all of them and no wrong one.
      </p>
      <EditableList
        legend={`Options of question ${n}`}
        noun="option"
        nameOf={(i) => `option ${markOf(i).letter} of question ${n}`}
        addLabel="Add an option"
        items={question.options}
        min={QUIZ_LIMITS.minOptions}
        max={QUIZ_LIMITS.maxOptions}
        rowClassName={styles.option}
        blank={() => ''}
        onChange={(options) => onChange({ options })}
        onRemove={removeOption}
      >
        {(option, i, set) => (
          <>
            <input
              type="checkbox"
              aria-label={`Option ${markOf(i).letter} of question ${n} is right`}
              checked={question.correct.includes(i)}
              onChange={() => toggleRight(i)}
            />
            <input
              aria-label={`Option ${markOf(i).letter} of question ${n}`}
              value={option}
              maxLength={QUIZ_LIMITS.optionLength}
              onChange={(e) => set(e.target.value)}
            />
          </>
        )}
      </EditableList>
      <div className={styles.numbers}>
        <NumberField
          label="Seconds to answer"
          min={QUIZ_LIMITS.minSeconds}
          max={QUIZ_LIMITS.maxSeconds}
          value={question.timeLimitSeconds}
          // Free while typing ("3" on the way to "30"), brought into bounds on leaving.
          onChange={(n) => onChange({ timeLimitSeconds: clamp(n, 0, QUIZ_LIMITS.maxSeconds) })}
          onBlur={(n) =>
            onChange({
              timeLimitSeconds: clamp(n, QUIZ_LIMITS.minSeconds, QUIZ_LIMITS.maxSeconds),
            })
          }
        />
        <NumberField
          label="Points"
          min={0}
          max={QUIZ_LIMITS.maxPoints}
          step={100}
          value={question.points}
          onChange={(n) => onChange({ points: clamp(n, 0, QUIZ_LIMITS.maxPoints) })}
        />
      </div>
      <div>
        <button
          type="button"
          className="button button--quiet"
          disabled={!canRemove}
          onClick={onRemove}
        >
          Remove question {n}
        </button>
      </div>
    </fieldset>
  );
}
