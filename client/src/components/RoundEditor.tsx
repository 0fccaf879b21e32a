import '../zodSetup.ts';
import { Suspense, useRef } from 'react';
import {
  EXERCISES,
  EXERCISE_KINDS,
  type ExerciseConfig,
  type ExerciseKind,
  type RoundInput,
} from '@playfield/shared';
import { LIMITS } from '@playfield/shared/limits';
import { EXERCISE_UI } from '../exercises/registry.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import styles from './RoundEditor.module.css';
import { RoundPlanFields } from './RoundPlanFields.tsx';
import type { ConfigEditorProps } from '../exercises/types.ts';

/** A fresh round of a kind, with the exercise's default settings. */
export function newRound(kind: ExerciseKind = 'poll'): RoundInput {
  const exercise = EXERCISES[kind];
  return { kind, title: exercise.label, config: exercise.defaultConfig() };
}

/** Edits one round: its exercise, title and settings. */
export function RoundEditor(props: {
  round: RoundInput;
  onChange: (round: RoundInput) => void;
  idPrefix: string;
  /** Once people have answered, only the title may change. */
  isLocked?: boolean;
}) {
  const { round, onChange, idPrefix } = props;
  // The title of the preset last chosen: a title still equal to it was not typed.
  const presetTitle = useRef<string | null>(null);
  const isTitleTyped = () => {
    const title = round.title.trim();
    return title !== '' && title !== EXERCISES[round.kind].label && title !== presetTitle.current;
  };
  // The editor is the one registered for this round's kind, so config and editor agree.
  const Editor = EXERCISE_UI[round.kind].ConfigEditor as React.ComponentType<
    ConfigEditorProps<ExerciseKind>
  >;
  return (
    <div className="stack stack--tight round-editor">
      <div className={styles.roundEditorHead}>
        <label className="field">
          <span>Exercise</span>
          <select
            value={round.kind}
            disabled={props.isLocked}
            onChange={(e) => onChange(newRound(e.target.value as ExerciseKind))}
          >
            {EXERCISE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {EXERCISES[kind].label}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--grow">
          <span>Round title</span>
          <input
            value={round.title}
            maxLength={LIMITS.titleLength}
            onChange={(e) => onChange({ ...round, title: e.target.value })}
          />
        </label>
      </div>
      <RoundPlanFields round={round} onChange={onChange} idPrefix={idPrefix} />
      {props.isLocked ? (
        <p className="muted">
          People have answered this round, so only its title, minutes and notes can change.
        </p>
      ) : (
        <ErrorBoundary key={round.kind} label={`${round.kind} ConfigEditor`}>
          <Suspense fallback={<p className="muted">Loading the editor…</p>}>
            <Editor
              config={round.config}
              idPrefix={idPrefix}
              onChange={(config: ExerciseConfig<ExerciseKind>, preset?: { title: string }) => {
                // A preset brings its title, unless the facilitator has typed one.
                const title = preset && !isTitleTyped() ? preset.title : round.title;
                if (preset) presetTitle.current = preset.title;
                onChange({ ...round, config, title });
              }}
            />
          </Suspense>
        </ErrorBoundary>
      )}
    </div>
  );
}
