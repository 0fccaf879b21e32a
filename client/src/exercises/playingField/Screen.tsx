import { count } from '@playfield/shared/plural';
import type {
  PlayingFieldCard,
  PlayingFieldScreenView,
  TestTally,
} from '@playfield/shared/exercises/playingField/index';
import type { ScreenProps } from '../types.ts';
import { kappaText, orderedSpreads } from './results.ts';
import { Spread, ZoneLegend } from './Spread.tsx';
import { QUESTIONS, ZONE_INFO, questionText, zoneInfo } from './zones.ts';
import styles from './Screen.module.css';
import zones from './Zones.module.css';
import { TableHead } from '../../components/TableHead.tsx';

/** The most spreads the screen shows at once (two columns of seven): the rest are agreed. */
const SCREEN_ROWS = 14;
/** The most cards one column of the map shows, a line each at its smallest. */
const MAP_ROWS = 16;

/** The playing field on the projector: progress, then spreads, then the test, then the map. */
export default function PlayingFieldScreen({
  view,
  participantCount,
}: ScreenProps<'playingField'>) {
  if (view.phase === 'map') return <MapScreen view={view} />;
  if (view.phase === 'test') return <TestScreen view={view} />;
  if (view.results) return <SpreadScreen view={view} />;
  return <ProgressScreen view={view} participantCount={participantCount} />;
}

function ProgressScreen({
  view,
  participantCount,
}: {
  view: PlayingFieldScreenView;
  participantCount: number;
}) {
  const { progress } = view;
  return (
    <div className={`${styles.screen} ${zones.dark}`}>
      <p className="screen-count">
        <strong>{progress.finished}</strong> of {participantCount} have placed all{' '}
        {view.cards.length} cards
      </p>
      <p className={styles.sub}>
        {progress.placements} placements so far. The spread stays hidden until the facilitator
        reveals it.
      </p>
      <ul className={styles.zones} aria-label="The three zones">
        {ZONE_INFO.map((zone) => (
          <li key={zone.id} className={`${styles.zone} ${styles.edged}`} data-zone={zone.id}>
            <span className={styles.zoneSymbol} aria-hidden="true">
              {zone.symbol}
            </span>
            <strong>{zone.label}</strong>
            <span>{zone.hint}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SpreadScreen({ view }: { view: PlayingFieldScreenView }) {
  const results = view.results;
  if (!results) return null;
  const cards = new Map(view.cards.map((c) => [c.id, c]));
  const rank = new Map(results.contested.map((id, i) => [id, i + 1]));
  const rows = orderedSpreads(results);
  const shown = rows.slice(0, SCREEN_ROWS);
  return (
    <div className={`${styles.screen} ${zones.dark}`}>
      <div className={styles.strip}>
        <p className={styles.kappa} data-testid="kappa">
          Agreement <strong>{kappaText(results.kappa)}</strong>
        </p>
        <p className={styles.agree} data-testid="agreement">
          The room agrees on <strong>{results.consensus.length}</strong> of {view.cards.length}{' '}
          cards (at least {view.consensusPercent} %)
        </p>
        <ZoneLegend className={zones.large} />
      </div>
      <ol
        className={`${styles.spreads} ${shown.length > 7 ? styles.spreadsTwo : ''}`}
        style={{ gridTemplateRows: `repeat(${Math.min(7, shown.length)}, auto)` }}
        aria-label="Spread per card, most contested first"
      >
        {shown.map((s) => {
          const position = rank.get(s.cardId);
          const text = cards.get(s.cardId)?.text ?? '';
          return (
            <li key={s.cardId} className={styles.row} data-testid="card-spread">
              <p className={styles.rowText} title={text} data-testid="card-text">
                {position !== undefined && position <= 3 && (
                  <span className={`${zones.badge} ${zones.contested}`}>Contested #{position}</span>
                )}
                {s.isConsensus && <span className={`${zones.badge} ${zones.agree}`}>Agreed</span>}{' '}
                {text}
              </p>
              <Spread counts={s.counts} />
            </li>
          );
        })}
      </ol>
      {rows.length > shown.length && (
        <p className={styles.sub}>
          and {rows.length - shown.length} more cards the room agrees on more
        </p>
      )}
    </div>
  );
}

function verdict(tally: TestTally): string {
  if (tally.verdict === 'pending') return 'Waiting for the first answers';
  if (tally.verdict === 'keep')
    return `${tally.yesMajorities} of 4 with a yes majority: keep the card where it is`;
  return `Yes to all four: widen the field${
    tally.suggestedZone ? `, towards “${zoneInfo(tally.suggestedZone).short}”` : ''
  }`;
}

function TestScreen({ view }: { view: PlayingFieldScreenView }) {
  const tally = view.tests.find((t) => t.isOpen) ?? view.tests.at(-1);
  const card = tally && view.cards.find((c) => c.id === tally.cardId);
  const others = view.tests.filter((t) => t !== tally).slice(-3);
  if (!tally || !card) {
    return (
      <div className={`${styles.screen} ${zones.dark}`}>
        <p className={styles.eyebrow} data-testid="eyebrow">
          From rigid to flexible
        </p>
        <p className={styles.card}>Next: a card the room disagrees on. Four questions:</p>
        <ol className={styles.questions}>
          {QUESTIONS.map((q) => (
            <li key={q.id}>{q.text}</li>
          ))}
        </ol>
        <p className={styles.sub}>Four yes answers argue to widen the playing field.</p>
      </div>
    );
  }
  return (
    <div className={`${styles.screen} ${zones.dark}`}>
      <p className={styles.eyebrow} data-testid="eyebrow">
        From rigid to flexible · {count(tally.respondents)} answered
        {tally.isOpen ? ' · answering now' : ' · closed'}
      </p>
      <p className={styles.card}>
        {card.text}
        {card.note && <span className={styles.note}> · {card.note}</span>}
      </p>
      <table className={styles.tally}>
        <caption className="visually-hidden">Answers to the four questions</caption>
        <TableHead columns={['Question', 'Yes', 'No']} />
        <tbody>
          {tally.questions.map((q) => {
            const total = q.yes + q.no;
            return (
              <tr key={q.id} className={q.yes * 2 > tally.respondents ? styles.yesRow : ''}>
                <th scope="row">
                  <span className={styles.mark} aria-hidden="true">
                    {q.yes * 2 > tally.respondents ? '✓' : '·'}
                  </span>{' '}
                  {questionText(q.id)}
                </th>
                <td>
                  <span className={styles.yes}>{q.yes}</span>
                  <span className={styles.tallyBar} aria-hidden="true">
                    <span style={{ width: total ? `${(q.yes / total) * 100}%` : 0 }} />
                  </span>
                </td>
                <td>
                  <span className={styles.no}>{q.no}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p
        className={`${styles.verdict} ${tally.verdict === 'widen' ? styles.widen : ''}`}
        data-testid="verdict"
        role="status"
      >
        <span aria-hidden="true">{tally.verdict === 'widen' ? '↔ ' : ''}</span>
        {verdict(tally)}
      </p>
      {others.length > 0 && (
        <ul className={styles.others}>
          {others.map((t) => (
            <li key={t.cardId}>
              {view.cards.find((c) => c.id === t.cardId)?.text}: {verdict(t)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MapScreen({ view }: { view: PlayingFieldScreenView }) {
  const cards = new Map<string, PlayingFieldCard>(view.cards.map((c) => [c.id, c]));
  const columns = ZONE_INFO.map((zone) => ({
    zone,
    entries: view.map.filter((e) => e.zone === zone.id),
  }));
  // Lines the fullest column needs (two a card, one a guideline) decide the type size.
  const lines = Math.max(
    ...columns.map((c) => c.entries.reduce((n, e) => n + 2 + (e.guideline ? 1 : 0), 0)),
  );
  const density = lines <= 10 ? 'roomy' : lines <= 16 ? 'dense' : 'compact';
  const undecided = view.cards.length - view.map.length;
  return (
    <div className={`${styles.screen} ${zones.dark} ${styles[density] ?? ''}`}>
      <div className={styles.mapColumns}>
        {columns.map(({ zone, entries }) => (
          <section
            key={zone.id}
            className={`${styles.mapZone} ${styles.edged}`}
            data-zone={zone.id}
            aria-labelledby={`pf-screen-${zone.id}`}
          >
            <h2 id={`pf-screen-${zone.id}`}>
              <span aria-hidden="true">{zone.symbol}</span> {zone.label}
            </h2>
            <ul>
              {entries.slice(0, MAP_ROWS).map((e) => (
                <li key={e.cardId}>
                  <span className={styles.mapCard}>{cards.get(e.cardId)?.text}</span>
                  {e.guideline && <span className={styles.mapGuideline}>{e.guideline}</span>}
                </li>
              ))}
              {entries.length > MAP_ROWS && <li>and {entries.length - MAP_ROWS} more</li>}
            </ul>
          </section>
        ))}
      </div>
      {undecided > 0 && (
        <p className={styles.sub}>
          {undecided} {undecided === 1 ? 'card' : 'cards'} still to decide
        </p>
      )}
    </div>
  );
}
