import { plural } from '@playfield/shared/plural';
import { useState } from 'react';
import type { GapSide } from '@playfield/shared/exercises/gapRating/index';
import type { ParticipantProps } from '../types.ts';
import { GapChart } from './GapChart.tsx';
import styles from './Participant.module.css';
import { StepNav } from '../../components/StepNav.tsx';

const SIDES: { side: GapSide; title: string; hint: string }[] = [
  { side: 'expected', title: 'Expected', hint: 'what customers expect' },
  { side: 'actual', title: 'Actual', hint: 'what they really get' },
];

/** A rating sent but not yet in the own view: shown until the own view moves on from `base`. */
interface Sent {
  value: number | null;
  base: number | null;
}

/**
 * Expected vs actual on a phone: one measure at a time, the two ratings side by side as
 * columns of 44 px buttons (a row of seven would not fit 320 px), each rating sent on its
 * own and changeable until the facilitator locks the round.
 */
export function GapRatingParticipant({ view, own, isOpen, act }: ParticipantProps<'gapRating'>) {
  const [index, setIndex] = useState(0);
  const [sent, setSent] = useState<Record<string, Sent>>({});
  const [error, setError] = useState<string | null>(null);
  const { measures, scale } = view;
  const current = Math.min(index, measures.length - 1);

  const ownValue = (measure: number, side: GapSide) => own?.[side][measure] ?? null;
  const valueOf = (measure: number, side: GapSide) => {
    const pending = sent[`${measure}:${side}`];
    // Once the server's view changed, it is the truth again (even if it says something else).
    return pending && pending.base === ownValue(measure, side)
      ? pending.value
      : ownValue(measure, side);
  };

  async function send(measure: number, side: GapSide, value: number | null) {
    const key = `${measure}:${side}`;
    setSent((s) => ({ ...s, [key]: { value, base: ownValue(measure, side) } }));
    const result = await act(
      value === null ? { type: 'unrate', measure, side } : { type: 'rate', measure, side, value },
    );
    if (result.ok) {
      setError(null);
    } else {
      setError(result.error.message);
      setSent((s) => {
        const rest = { ...s };
        delete rest[key];
        return rest;
      });
    }
  }

  if (view.results) {
    const ownGaps = measures.map((_, i) => {
      const e = ownValue(i, 'expected');
      const a = ownValue(i, 'actual');
      return e === null || a === null ? null : a - e;
    });
    return (
      <section className="stack">
        <p className="muted">
          {plural(view.results.respondents, 'person', 'people')} rated. Your own gap is marked with
          a dot and written after the figures.
        </p>
        <GapChart results={view.results} label="The gap per measure" ownGaps={ownGaps} />
      </section>
    );
  }

  const measure = measures[current] ?? '';
  const given = measures.reduce(
    (n, _, i) =>
      n + (valueOf(i, 'expected') === null ? 0 : 1) + (valueOf(i, 'actual') === null ? 0 : 1),
    0,
  );
  const points: number[] = [];
  for (let v = scale.max; v >= scale.min; v--) points.push(v);

  return (
    <section className={`stack ${styles.rate}`}>
      <p className="lead">{view.question}</p>
      <p className="muted">
        Your ratings stay private: the room only sees averages, once the facilitator reveals them.
      </p>
      <div>
        <p id="gap-progress">
          Measure {current + 1} of {measures.length} · {given} of {measures.length * 2} ratings
          given
        </p>
        <progress max={measures.length * 2} value={given} aria-labelledby="gap-progress" />
      </div>
      <h2 className="question">{measure}</h2>
      <div className={styles.sides}>
        {SIDES.map(({ side, title, hint }) => {
          const chosen = valueOf(current, side);
          return (
            <div key={side} className={styles.side}>
              <p className={styles.title}>
                {title} <span className="muted">{hint}</span>
              </p>
              <div
                role="radiogroup"
                aria-label={`${title} service: ${measure}`}
                className={styles.scale}
              >
                {points.map((v) => {
                  const isChosen = chosen === v;
                  const end =
                    v === scale.max ? scale.highLabel : v === scale.min ? scale.lowLabel : null;
                  return (
                    <button
                      key={v}
                      type="button"
                      role="radio"
                      aria-checked={isChosen}
                      className={isChosen ? `${styles.point} ${styles.chosen}` : styles.point}
                      disabled={!isOpen}
                      onClick={() => {
                        if (!isChosen) void send(current, side, v);
                      }}
                    >
                      <span className={styles.mark} aria-hidden="true">
                        {isChosen ? '✓' : ''}
                      </span>
                      <span className={styles.number}>{v}</span>
                      {end && <span className={styles.end}>{` ${end}`}</span>}
                    </button>
                  );
                })}
              </div>
              {chosen !== null && isOpen && (
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => void send(current, side, null)}
                >
                  Clear {title.toLowerCase()}
                </button>
              )}
            </div>
          );
        })}
      </div>
      <StepNav
        index={current}
        count={measures.length}
        onGo={setIndex}
        next="Next measure →"
        isNextPrimary
      />
      <p className="status-line" role="status">
        {error ??
          (!isOpen
            ? 'Ratings are locked.'
            : given === measures.length * 2
              ? 'All rated. You can change any rating until the facilitator locks the round.'
              : '')}
      </p>
      <details className={styles.overview}>
        <summary>All measures</summary>
        <ol>
          {measures.map((m, i) => {
            const done =
              (valueOf(i, 'expected') === null ? 0 : 1) + (valueOf(i, 'actual') === null ? 0 : 1);
            return (
              <li key={i}>
                <button
                  type="button"
                  className={`button button--quiet ${styles.jump}`}
                  aria-current={i === current ? 'step' : undefined}
                  onClick={() => setIndex(i)}
                >
                  <span>{m}</span>
                  <span className="muted">
                    {done === 2 ? '✓ rated' : done === 1 ? '1 of 2' : 'not rated'}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </details>
    </section>
  );
}
