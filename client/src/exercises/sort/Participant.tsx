import { plural } from '@playfield/shared/plural';
import { useState } from 'react';
import { BarChart } from '../../components/BarChart.tsx';
import type { ParticipantProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import styles from './Participant.module.css';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { ChoiceButton } from '../../components/ChoiceButton.tsx';
import { StepNav } from '../../components/StepNav.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';

type Placements = readonly (number | null)[];

/** The first unsorted statement after `from` (wrapping round), or null when all are sorted. */
function nextUnsorted(placements: Placements, count: number, from: number): number | null {
  for (let step = 1; step <= count; step++) {
    const i = (from + step) % count;
    if ((placements[i] ?? null) === null) return i;
  }
  return null;
}

/**
 * A sort on a phone: one statement at a time with progress, a review list to change any
 * answer until the lock, and after the reveal the room's spread, the expected answers and
 * the participant's own score.
 */
export function SortParticipant(props: ParticipantProps<'sort'>) {
  // The phone's page keeps this component from one round to the next: another sort starts
  // afresh (first statement, no review list) rather than where the last one ended.
  const identity = [props.view.prompt, ...props.view.categories, ...props.view.items].join('\n');
  return <SortRound key={identity} {...props} />;
}

function SortRound({ view, own, isOpen, act }: ParticipantProps<'sort'>) {
  const count = view.items.length;
  const placements: Placements = own?.placements ?? [];
  const sortedCount = placements.filter((p) => p !== null).length;
  const [current, setCurrent] = useState(() => nextUnsorted(placements, count, count - 1) ?? 0);
  const [isReviewing, setIsReviewing] = useState(() => count > 0 && sortedCount === count);
  const { error, isBusy: pending, send } = useSender(act);

  if (view.results) return <SortResultsView view={view} own={own} />;

  const index = Math.min(current, count - 1);
  const statement = view.items[index] ?? '';
  const chosen = placements[index] ?? null;

  async function place(category: number) {
    if (!(await send({ type: 'place', item: index, category }))) return;
    // The server's own view follows; move on with what was just accepted.
    const after = placements.slice();
    after[index] = category;
    const next = nextUnsorted(after, count, index);
    if (next === null) setIsReviewing(true);
    else setCurrent(next);
  }

  const status =
    sortedCount === count &&
    `All ${count} sorted. You can change any answer until the facilitator locks the sort.`;

  return (
    <section className="stack sort">
      <h2 className="question">{view.prompt}</h2>
      <ProgressBar id="sort-progress" value={sortedCount} max={count}>
        {sortedCount} of {count} sorted
      </ProgressBar>
      {isReviewing ? (
        <>
          <h3>Your answers</h3>
          <ol className={styles.review}>
            {view.items.map((text, i) => {
              const category = placements[i] ?? null;
              return (
                <li key={i} className={styles.reviewItem}>
                  <span className={styles.reviewText}>{text}</span>
                  <span className={styles.reviewAnswer}>
                    {category === null ? 'Not sorted yet' : (view.categories[category] ?? '')}
                  </span>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Change “${text}”`}
                    disabled={!isOpen}
                    onClick={() => {
                      setCurrent(i);
                      setIsReviewing(false);
                    }}
                  >
                    Change
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <>
          <p className="eyebrow">
            Statement {index + 1} of {count}
          </p>
          <p className={styles.statement} id="sort-statement">
            {statement}
          </p>
          <div role="radiogroup" aria-labelledby="sort-statement" className="choices">
            {view.categories.map((category, c) => {
              const isChosen = chosen === c;
              return (
                <ChoiceButton
                  key={c}
                  role="radio"
                  isChosen={isChosen}
                  disabled={!isOpen || pending}
                  onChoose={() => void place(c)}
                >
                  {category}
                </ChoiceButton>
              );
            })}
          </div>
          <StepNav index={index} count={count} onGo={setCurrent} previous="Previous" next="Next">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setIsReviewing(true)}
            >
              Review all
            </button>
          </StepNav>
        </>
      )}
      <StatusLine error={error} isOpen={isOpen} closed="Answers are locked.">
        {status}
      </StatusLine>
    </section>
  );
}

/** After the reveal: the own score, then each statement's spread with the expected answer. */
function SortResultsView({ view, own }: Pick<ParticipantProps<'sort'>, 'view' | 'own'>) {
  const results = view.results;
  if (!results) return null;
  return (
    <section className="stack sort">
      <h2 className="question">{view.prompt}</h2>
      {own?.score && (
        <p className={styles.score}>
          You sorted <strong>{own.score.correct}</strong> of {own.score.scorable} as expected.
        </p>
      )}
      <p className="muted">{plural(results.respondents, 'person', 'people')} sorted.</p>
      <ol className={styles.results}>
        {view.items.map((text, i) => {
          const result = results.items[i];
          if (!result) return null;
          const mine = own?.placements[i] ?? null;
          const answer = result.answer;
          return (
            <li key={i} className={`stack stack--tight ${styles.resultsItem}`}>
              <h3 className={styles.resultsText}>{text}</h3>
              <BarChart
                label={`How the room sorted “${text}”`}
                labels={view.categories.map((c, j) => (j === answer ? `✓ ${c} (expected)` : c))}
                values={result.counts}
                marked={mine === null ? [] : [mine]}
              />
              {answer !== null && result.correctShare !== null && (
                <p className="muted">
                  {Math.round(result.correctShare * 100)}% of the room sorted it as expected.
                  {mine !== null && (mine === answer ? ' So did you.' : ' You did not.')}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
