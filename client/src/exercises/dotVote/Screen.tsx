import { count } from '@playfield/shared/plural';
import { sharedRanks } from '@playfield/shared/stats/ranks';
import { BarChart } from '../../components/BarChart.tsx';
import type { ScreenProps } from '../types.ts';
import { ruleText } from './Participant.tsx';
import styles from './Screen.module.css';

/** Options the projector ranks at most; the rest are counted, so the screen never scrolls. */
const SCREEN_RANKS = 7;

/**
 * The vote on the projector: the options and how many voted, then the ranking (equal counts
 * share a rank: 1, 2, 2, 4), how many fall short of the minimum (with names only where the
 * config asks), and the examples of the option the facilitator picked, without names.
 */
export default function DotVoteScreen({ view, participantCount }: ScreenProps<'dotVote'>) {
  const { results } = view;
  if (!results) {
    return (
      <div className={`screen-round ${styles.root}`}>
        <h2 className={`screen-question ${styles.question}`}>{view.question}</h2>
        <p className="screen__instruction">{ruleText(view.rule)}</p>
        {view.options.length <= 10 && (
          <ul className={styles.options} aria-label="Options">
            {view.options.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        )}
        <p className="screen-count">
          <strong>{count(view.respondents)}</strong> of {count(participantCount)} voted
        </p>
      </div>
    );
  }
  const shown = results.ranking.slice(0, SCREEN_RANKS);
  const rest = results.ranking.length - shown.length;
  // Ranked over the whole ranking, so a tie across the cut still shares its rank.
  const ranks = sharedRanks(results.ranking.map((r) => r.count));
  const { shortfall, examples } = results;
  return (
    <div className={`screen-round ${styles.root}`}>
      <h2 className={`screen-question ${styles.question}`}>{view.question}</h2>
      <div className={examples ? styles.grid : undefined}>
        <div className={styles.results}>
          <BarChart
            label="Results"
            labels={shown.map((r, i) => `${ranks[i] ?? i + 1}. ${r.label}`)}
            values={shown.map((r) => r.count)}
            // Shares of every vote, the options left out included, as on the console.
            total={results.ranking.reduce((sum, r) => sum + r.count, 0)}
            size="large"
          />
          {rest > 0 && <p className={styles.more}>and {rest} more</p>}
          {shortfall && (
            <p className={`screen-count ${styles.shortfall}`}>
              <strong>{count(shortfall.count)}</strong> of {count(shortfall.respondents)} (
              {shortfall.share === null ? 0 : Math.round(shortfall.share * 100)}%) chose fewer than{' '}
              {shortfall.min}
              {shortfall.names && shortfall.names.length > 0 && (
                <span className={styles.names}>: {shortfall.names.join(', ')}</span>
              )}
            </p>
          )}
        </div>
        {examples && (
          <section className={styles.examples} aria-labelledby="dot-vote-screen-ex">
            <h3 id="dot-vote-screen-ex">Examples: {examples.label}</h3>
            {examples.texts.length ? (
              <ul>
                {examples.texts.map((text, i) => (
                  <li key={i}>“{text}”</li>
                ))}
              </ul>
            ) : (
              <p>No examples to show.</p>
            )}
            {examples.more > 0 && <p className={styles.more}>and {examples.more} more</p>}
          </section>
        )}
      </div>
    </div>
  );
}
