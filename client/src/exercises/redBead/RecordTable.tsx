import type { ReactNode } from 'react';
import type { RedBeadCommonView } from '@playfield/shared/exercises/redBead/index';
import styles from './RecordTable.module.css';

/** The recorder's board: workers by days, filling in as paddles are announced. */
export function RecordTable({
  view,
  size = 'normal',
}: {
  view: RedBeadCommonView;
  size?: 'normal' | 'large';
}) {
  const { table } = view;
  const isLarge = size === 'large';
  const days = table.columns.slice(1, -1);
  return (
    <table className={`table ${styles.table} ${isLarge ? styles.large : styles.compact}`}>
      <caption>Red beads per worker and day</caption>
      {isLarge ? (
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
      ) : (
        // The console's middle column and a 320 px phone: the days numbered under one "Day"
        // heading (screen readers hear "Day 3"), so ten days and the total fit beside a name.
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {table.columns[0]}
            </th>
            {days.length > 0 && (
              <th scope="col" colSpan={days.length} className={styles.days}>
                Day
              </th>
            )}
            <th scope="col" rowSpan={2}>
              {table.columns[table.columns.length - 1]}
            </th>
          </tr>
          <tr>
            {days.map((c) => (
              <th key={c} scope="col">
                <span aria-hidden="true">{c.replace(/^Day\s+/, '')}</span>
                <span className="visually-hidden">{c}</span>
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {table.rows.map((row) => (
          <tr
            key={row.workerId}
            className={`${row.status === 'fired' ? styles.fired : ''} ${row.workerId === view.currentWorkerId ? styles.current : ''}`}
          >
            <th scope="row">
              {/* One line on the room screen: a long name ends in "…", the days stay in view. */}
              <span className={styles.name}>
                {row.name}
                {row.status === 'fired' && ' (fired)'}
                {row.status === 'probation' && ' (probation)'}
              </span>
            </th>
            {row.cells.map((cell, i) => (
              <td key={i}>{cell.join(' + ')}</td>
            ))}
            <td>
              <strong>{row.total}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The end of the experiment: the numbers, the ranking that meant nothing, and the questions.
 * Given a chart (the room screen), it splits in two columns so all of it fits one screen:
 * the chart and the ranking beside the verdict, the questions and the interventions.
 */
export function Debrief({ view, chart }: { view: RedBeadCommonView; chart?: ReactNode }) {
  const debrief = view.debrief;
  if (!debrief) return null;
  const verdict = (
    <>
      <h3 id="debrief-title">Debrief</h3>
      <p className="lead">
        {debrief.averageRed === null
          ? 'No paddles were drawn.'
          : `Average ${debrief.averageRed.toFixed(1)} red per paddle, against ${debrief.expectedRed.toFixed(1)} expected from the bucket. ${debrief.pointsBeyondLimits} of ${debrief.draws} paddles fell outside the control limits.`}
      </p>
    </>
  );
  // On the room screen, when everyone drew as many paddles, that count is left to screen
  // readers: one line per worker (the verdict says how many paddles there were in all).
  const draws = debrief.ranking[0]?.draws;
  const isEven = !!chart && debrief.ranking.every((r) => r.draws === draws);
  const ranking = (
    <div className="debrief__ranking">
      <h4>The ranking that meant nothing</h4>
      <ol>
        {debrief.ranking.map((r) => (
          <li key={r.name}>
            {r.name}: {r.average.toFixed(1)} red per paddle
            <span className={isEven ? 'visually-hidden' : undefined}> ({r.draws} paddles)</span>
          </li>
        ))}
      </ol>
    </div>
  );
  const interventions = debrief.interventions.length > 0 && (
    <div>
      <h4>Interventions and what they did</h4>
      <ul>
        {debrief.interventions.map((i, k) => (
          <li key={k}>
            Day {i.day}: {i.text}
            {i.averageBefore !== null && i.averageAfter !== null && (
              <span className="muted">
                {' '}
                (average {i.averageBefore.toFixed(1)} before, {i.averageAfter.toFixed(1)} after)
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
  const questions = (
    <div className="debrief__questions">
      <h4>Questions for discussion</h4>
      <ul>
        {debrief.questions.map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ul>
    </div>
  );
  if (chart) {
    return (
      <section className="debrief debrief--split" aria-labelledby="debrief-title">
        <div className="stack">
          {chart}
          {ranking}
        </div>
        <div className="stack">
          {verdict}
          {questions}
          {interventions}
        </div>
      </section>
    );
  }
  return (
    <section className="stack debrief" aria-labelledby="debrief-title">
      {verdict}
      {ranking}
      {interventions}
      {questions}
    </section>
  );
}
