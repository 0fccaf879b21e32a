import { QUIZ_LIMITS, LEADERBOARD_SIZES } from '@playfield/shared/exercises/quiz/limits';
import { quizPresets } from '@playfield/shared/exercises/quiz/presets';
import type { ConfigEditorProps } from '../types.ts';
import styles from './ConfigEditor.module.css';
import { markOf } from './marks.ts';

type Config = ConfigEditorProps<'quiz'>['config'];
type Question = Config['questions'][number];

const PRESETS = Object.entries(quizPresets);

const blankQuestion = (): Question => ({
  text: '',
  options: ['', ''],
  correct: [0],
  timeLimitSeconds: 20,
  points: 1000,
});

const whole = (value: string, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.round(Number(value) || 0)));

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
      <label className="field">
        <span>Start from a built-in quiz</span>
        <select
          id={`${idPrefix}-preset`}
          value=""
          onChange={(e) => {
            const preset = PRESETS.find(([key]) => key === e.target.value)?.[1];
            if (preset) onChange(structuredClone(preset.config));
          }}
        >
          <option value="">Choose one to replace these questions…</option>
          {PRESETS.map(([key, preset]) => (
            <option key={key} value={key}>
              {preset.title} ({preset.config.questions.length} questions)
            </option>
          ))}
        </select>
      </label>
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={config.isSpeedBonus}
          onChange={(e) => onChange({ ...config, isSpeedBonus: e.target.checked })}
        />
        <span>Speed bonus: full points at once, falling to half at the time limit</span>
      </label>
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
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={config.isAnonymous}
          onChange={(e) => onChange({ ...config, isAnonymous: e.target.checked })}
        />
        <span>Anonymous: the leaderboard shows ranks and points, no names</span>
      </label>
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={config.byTeam ?? false}
          onChange={(e) => onChange({ ...config, byTeam: e.target.checked })}
        />
        <span>By table: the session’s tables compete on their average points too</span>
      </label>
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
  const setOption = (i: number, text: string) =>
    onChange({ options: question.options.map((o, j) => (j === i ? text : o)) });
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
      <label className="field">
        <span>Question {n} text</span>
        <textarea
          rows={2}
          value={question.text}
          maxLength={QUIZ_LIMITS.questionLength}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      </label>
      <p className="muted">
        Tick every right answer. Several right: people score only with all of them and no wrong one.
      </p>
      {question.options.map((option, i) => (
        <div className={styles.option} key={i}>
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
            onChange={(e) => setOption(i, e.target.value)}
          />
          <button
            type="button"
            className="button button--icon"
            aria-label={`Remove option ${markOf(i).letter} of question ${n}`}
            disabled={question.options.length <= QUIZ_LIMITS.minOptions}
            onClick={() => removeOption(i)}
          >
            ×
          </button>
        </div>
      ))}
      <div className="actions">
        <button
          type="button"
          className="button button--small"
          disabled={question.options.length >= QUIZ_LIMITS.maxOptions}
          onClick={() => onChange({ options: [...question.options, ''] })}
        >
          Add an option
        </button>
      </div>
      <div className={styles.numbers}>
        <label className="field">
          <span>Seconds to answer</span>
          <input
            type="number"
            min={QUIZ_LIMITS.minSeconds}
            max={QUIZ_LIMITS.maxSeconds}
            value={question.timeLimitSeconds}
            // Free while typing ("3" on the way to "30"), brought into bounds on leaving.
            onChange={(e) =>
              onChange({ timeLimitSeconds: whole(e.target.value, 0, QUIZ_LIMITS.maxSeconds) })
            }
            onBlur={(e) =>
              onChange({
                timeLimitSeconds: whole(
                  e.target.value,
                  QUIZ_LIMITS.minSeconds,
                  QUIZ_LIMITS.maxSeconds,
                ),
              })
            }
          />
        </label>
        <label className="field">
          <span>Points</span>
          <input
            type="number"
            min={0}
            max={QUIZ_LIMITS.maxPoints}
            step={100}
            value={question.points}
            onChange={(e) => onChange({ points: whole(e.target.value, 0, QUIZ_LIMITS.maxPoints) })}
          />
        </label>
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
