import { count } from '@playfield/shared/plural';
import { rangeLabel, rankLabel } from '@playfield/shared/exercises/ranking/index';
import type { FacilitatorProps } from '../types.ts';
import styles from './Facilitator.module.css';
import { Places } from './Places.tsx';
import { ResetButton, type ResetTexts } from '../../components/ResetButton.tsx';

/** The reset button's text and the question it asks first. */
const RESET: ResetTexts = {
  label: 'Clear all rankings',
  question: 'Clear every ranking in this round?',
};

/** The console: the live Borda ranking with first places, range and spread per item. */
export default function RankingFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'ranking'>) {
  const max = Math.max(1, ...view.ranking.map((r) => r.points));
  const n = view.items.length;
  return (
    <div className="stack">
      <h3 className="question">{view.question}</h3>
      <p className="muted">
        {count(view.submitted)} of {count(participantCount)} ranked · Borda count: {n - 1} points
        for a first place … 0 for the last
        {view.isRevealed ? ' · results shown to the room' : ' · private until you reveal'}
      </p>
      <table className={styles.table}>
        <caption className="muted">
          Live ranking. Ties are broken by first places; items still equal share a rank (=).
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Item</th>
            <th scope="col">Points</th>
            <th scope="col">First · range</th>
            <th scope="col">Places 1–{n}</th>
          </tr>
        </thead>
        <tbody>
          {view.ranking.map((r) => (
            <tr key={r.item}>
              <td>{rankLabel(r)}</td>
              <th scope="row">{r.label}</th>
              <td>
                <span className={styles.points}>
                  <span
                    className={styles.bar}
                    style={{ width: `${(r.points / max) * 3}em` }}
                    aria-hidden="true"
                  />
                  {r.points}
                </span>
              </td>
              <td>
                {r.firsts}× · {rangeLabel(r)}
              </td>
              <td>
                <Places places={r.places} label={`${r.label}: people per place`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ResetButton send={act} texts={RESET} />
    </div>
  );
}
