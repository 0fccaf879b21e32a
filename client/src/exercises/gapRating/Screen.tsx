import { count } from '@playfield/shared/plural';
import type { ScreenProps } from '../types.ts';
import { GapChart } from './GapChart.tsx';
import styles from './Screen.module.css';

/** Measures the screen also writes both means for; more and the bars say it alone. */
const MEANS_UP_TO = 6;

/** The room screen: how far the room is while rating, then the gap chart once revealed. */
export default function GapRatingScreen({ view, participantCount }: ScreenProps<'gapRating'>) {
  if (view.results) {
    const short = view.results.measures.filter((m) => m.isSatisfied === false).length;
    return (
      <div className={`screen-round ${styles.root}`}>
        <p className={`screen-count ${styles.count}`}>
          <strong>{short}</strong> of {view.measures.length} measures fall short of expectations ·{' '}
          {count(view.results.respondents)} rated
        </p>
        <GapChart
          results={view.results}
          label="Gap per measure"
          size="large"
          showMeans={view.measures.length <= MEANS_UP_TO}
        />
      </div>
    );
  }
  return (
    <div className={`screen-round ${styles.root}`}>
      <h2 className="screen-question">{view.question}</h2>
      <p className={`screen-count ${styles.count}`}>
        <strong>{count(view.progress.respondents)}</strong> of {count(participantCount)} rating ·{' '}
        <strong>{count(view.progress.completed)}</strong> finished
      </p>
      <ol className={styles.measures}>
        {view.measures.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ol>
      <p className="screen__instruction">
        Rate each measure twice on your phone: the service customers expect, and the service they
        actually get ({view.scale.min} = {view.scale.lowLabel}, {view.scale.max} ={' '}
        {view.scale.highLabel}).
      </p>
    </div>
  );
}
