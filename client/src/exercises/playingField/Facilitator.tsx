import { count } from '@playfield/shared/plural';
import { useState } from 'react';
import type {
  CardSpread,
  MapEntryView,
  PlayingFieldCard,
  PlayingFieldFacilitatorView,
  PlayingFieldPhase,
  TestTally,
  Zone,
} from '@playfield/shared/exercises/playingField/index';
import type { Act, FacilitatorProps } from '../types.ts';
import { PolicyExport } from './PolicyExport.tsx';
import { kappaText, orderedSpreads } from './results.ts';
import { Spread, ZoneLegend } from './Spread.tsx';
import { ZONE_INFO, questionText, zoneInfo } from './zones.ts';
import { useSender } from '../useSender.ts';
import styles from './Facilitator.module.css';
import zones from './Zones.module.css';
import { TableHead } from '../../components/TableHead.tsx';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { SendButton } from '../../components/SendButton.tsx';

type Send = (action: Parameters<Act<'playingField'>>[0]) => Promise<boolean>;

const PHASES: { id: PlayingFieldPhase; label: string }[] = [
  { id: 'place', label: '1 · Place the cards' },
  { id: 'test', label: '2 · Rigid to flexible' },
  { id: 'map', label: '3 · The map' },
];

/** Runs the round: the phases, the live spreads, the tests, and the team's map. */
export default function PlayingFieldFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'playingField'>) {
  const { error, send } = useSender(act);
  const cardOf = (id: string) => view.cards.find((c) => c.id === id);
  return (
    <div className={`stack ${zones.light}`}>
      <div className={styles.phases} role="group" aria-label="Phase of the round">
        {PHASES.map((p) => (
          <button
            key={p.id}
            type="button"
            className={`button ${view.phase === p.id ? 'button--primary' : ''}`}
            aria-pressed={view.phase === p.id}
            onClick={() => void send({ type: 'phase', phase: p.id })}
          >
            {p.label}
          </button>
        ))}
      </div>
      <ErrorAlert message={error} />
      {view.phase === 'place' && (
        <PlaceConsole view={view} participantCount={participantCount} cardOf={cardOf} />
      )}
      {view.phase === 'test' && <TestConsole view={view} send={send} cardOf={cardOf} />}
      {view.phase === 'map' && <MapConsole view={view} send={send} />}
    </div>
  );
}

function PlaceConsole(props: {
  view: PlayingFieldFacilitatorView;
  participantCount: number;
  cardOf: (id: string) => PlayingFieldCard | undefined;
}) {
  const { view, participantCount, cardOf } = props;
  const { progress, results } = view;
  const rank = new Map(results.contested.map((id, i) => [id, i + 1]));
  return (
    <>
      <p className="lead">
        <strong>{progress.finished}</strong> of {participantCount} placed all {view.cards.length}{' '}
        cards · {progress.started} started · {progress.placements} placements
      </p>
      <p className="muted">
        {view.isRevealed
          ? 'The room sees the spreads; placing has ended. Move on to the rigid-to-flexible test.'
          : view.isOpen
            ? 'Only you see these live results. Lock answers when the room is done, then reveal the results.'
            : 'Answers are locked. Reveal the results to show the room the spreads.'}
      </p>
      <p>
        Agreement: <strong>{kappaText(results.kappa)}</strong> · the room agrees (at least{' '}
        {view.consensusPercent} %) on {results.consensus.length} of {view.cards.length} cards
      </p>
      <ZoneLegend />
      <table className={`table ${styles.table} ${zones.inTable}`}>
        <caption className="visually-hidden">Live spread per card, most contested first</caption>
        <TableHead columns={['Card', 'Spread', 'Room']} />
        <tbody>
          {orderedSpreads(results).map((s) => (
            <tr key={s.cardId}>
              <th scope="row" className={styles.tableCard}>
                {cardOf(s.cardId)?.text}
              </th>
              <td>
                <Spread counts={s.counts} />
              </td>
              <td>
                {s.isConsensus && s.majorityZone
                  ? `Agrees: ${zoneInfo(s.majorityZone).short}`
                  : rank.has(s.cardId)
                    ? `Contested #${rank.get(s.cardId)}`
                    : s.total === 0
                      ? 'Not placed'
                      : 'Too few'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function verdictText(tally: TestTally): string {
  if (tally.verdict === 'pending') return 'No answers yet.';
  if (tally.verdict === 'keep')
    return `${tally.yesMajorities} of 4 questions have a yes majority: keep the card where it is.`;
  return `A yes majority on all four: widen the field${
    tally.suggestedZone ? `, towards “${zoneInfo(tally.suggestedZone).short}”` : ''
  }.`;
}

function TestConsole(props: {
  view: PlayingFieldFacilitatorView;
  send: Send;
  cardOf: (id: string) => PlayingFieldCard | undefined;
}) {
  const { view, send, cardOf } = props;
  const [picked, setPicked] = useState<string | null>(null);
  const choice = picked ?? view.suggestedTestCardId ?? view.cards[0]?.id ?? '';
  const active = view.tests.find((t) => t.isOpen);
  const contested = new Set(view.results.contested);
  const past = view.tests.filter((t) => !t.isOpen);
  return (
    <>
      <div className={`actions ${styles.testPick}`}>
        <label className="field field--grow">
          <span>Card to test</span>
          <select value={choice} onChange={(e) => setPicked(e.target.value)}>
            {view.cards.map((card) => (
              <option key={card.id} value={card.id}>
                {card.id === view.suggestedTestCardId
                  ? '★ Most contested: '
                  : contested.has(card.id)
                    ? 'Contested: '
                    : ''}
                {card.text}
              </option>
            ))}
          </select>
        </label>
        <SendButton
          send={send}
          action={{ type: 'test.open', cardId: choice }}
          variant="primary"
          disabled={!choice || active?.cardId === choice}
        >
          Open the test
        </SendButton>
      </div>
      {!view.isOpen && (
        <p className="error" role="status">
          Answers are locked: reopen answers so people can answer the test.
        </p>
      )}
      {active ? (
        <TallyPanel tally={active} card={cardOf(active.cardId)} view={view} send={send} />
      ) : (
        <p className="muted">
          No test is open. Pick a contested card: the room answers four yes/no questions on it.
        </p>
      )}
      {past.length > 0 && (
        <section aria-labelledby="pf-past-tests" className="stack stack--tight">
          <h3 id="pf-past-tests">Cards tested</h3>
          <ul className={`${zones.list} ${zones.testList}`}>
            {past.map((t) => (
              <li key={t.cardId}>
                <strong>{cardOf(t.cardId)?.text}</strong>: {count(t.respondents)} answered.{' '}
                {verdictText(t)}{' '}
                <SendButton
                  send={send}
                  action={{ type: 'test.open', cardId: t.cardId }}
                  variant="quiet"
                  size="small"
                >
                  Reopen
                </SendButton>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function TallyPanel(props: {
  tally: TestTally;
  card: PlayingFieldCard | undefined;
  view: PlayingFieldFacilitatorView;
  send: Send;
}) {
  const { tally, card, view, send } = props;
  const entry = view.map.find((e) => e.cardId === tally.cardId);
  const suggested = tally.suggestedZone;
  return (
    <section className={`stack stack--tight ${styles.tally}`} aria-labelledby="pf-tally-title">
      <h3 id="pf-tally-title">Testing: {card?.text}</h3>
      <table className="table">
        <TableHead columns={['Question', 'Yes', 'No']} />
        <tbody>
          {tally.questions.map((q) => (
            <tr key={q.id}>
              <th scope="row">{questionText(q.id)}</th>
              <td>{q.yes}</td>
              <td>{q.no}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {count(tally.respondents)} answered. <strong>{verdictText(tally)}</strong>
      </p>
      <div className="actions">
        <SendButton send={send} action={{ type: 'test.close' }}>
          Close the test
        </SendButton>
        {suggested && entry?.zone !== suggested && (
          <button
            type="button"
            className="button"
            onClick={() =>
              void send({
                type: 'map.set',
                cardId: tally.cardId,
                zone: suggested,
                guideline: entry?.guideline ?? '',
              })
            }
          >
            Put it “{zoneInfo(suggested).short}” on the map
          </button>
        )}
      </div>
    </section>
  );
}

function MapConsole({ view, send }: { view: PlayingFieldFacilitatorView; send: Send }) {
  const spreads = new Map(view.results.spreads.map((s) => [s.cardId, s]));
  const entries = new Map(view.map.map((e) => [e.cardId, e]));
  return (
    <>
      <div className="actions">
        <p className="lead" data-testid="map-progress">
          {view.map.length} of {view.cards.length} cards on the map
        </p>
        <SendButton
          send={send}
          action={{ type: 'map.acceptMajority' }}
          disabled={view.map.length === view.cards.length}
        >
          Fill the rest with the room’s majority
        </SendButton>
      </div>
      <PolicyExport />
      <ol className={styles.mapEditor}>
        {view.cards.map((card) => {
          const entry = entries.get(card.id);
          return (
            <MapRow
              // A new entry from the server (the majority filled in) resets the row's draft.
              key={`${card.id}:${entry?.zone ?? ''}:${entry?.guideline ?? ''}`}
              card={card}
              entry={entry}
              spread={spreads.get(card.id)}
              send={send}
            />
          );
        })}
      </ol>
    </>
  );
}

function MapRow(props: {
  card: PlayingFieldCard;
  entry: MapEntryView | undefined;
  spread: CardSpread | undefined;
  send: Send;
}) {
  const { card, entry, spread, send } = props;
  const majority = spread?.majorityZone ?? null;
  const [zone, setZone] = useState<Zone>(entry?.zone ?? majority ?? 'escalate');
  const [guideline, setGuideline] = useState(entry?.guideline ?? '');
  const isSaved = !!entry && entry.zone === zone && entry.guideline === guideline.trim();
  const id = `pf-map-${card.id}`;
  return (
    <li className={`${styles.mapRow} ${entry ? styles.saved : ''}`}>
      <p id={id}>
        <strong>{card.text}</strong>
        {card.note && <span className="muted"> · {card.note}</span>}
        <span className="muted">
          {' '}
          · room:{' '}
          {majority
            ? `${zoneInfo(majority).short} (${Math.round((spread?.majorityShare ?? 0) * 100)} %)`
            : 'not placed'}
        </span>
      </p>
      <form
        className={styles.mapRowForm}
        aria-labelledby={id}
        onSubmit={(e) => {
          e.preventDefault();
          void send({ type: 'map.set', cardId: card.id, zone, guideline });
        }}
      >
        <select
          aria-label={`Zone for: ${card.text}`}
          value={zone}
          onChange={(e) => setZone(e.target.value as Zone)}
        >
          {ZONE_INFO.map((z) => (
            <option key={z.id} value={z.id}>
              {z.symbol} {z.short}
            </option>
          ))}
        </select>
        <input
          aria-label={`Guideline for: ${card.text}`}
          placeholder={zone === 'guideline' ? 'e.g. up to €100, once a year' : 'Guideline'}
          maxLength={240}
          value={guideline}
          onChange={(e) => setGuideline(e.target.value)}
        />
        <button type="submit" className="button" disabled={isSaved}>
          {isSaved ? 'Saved' : 'Save'}
        </button>
        {entry && (
          <SendButton
            send={send}
            action={{ type: 'map.clear', cardId: card.id }}
            variant="quiet"
            label={`Take off the map: ${card.text}`}
          >
            Clear
          </SendButton>
        )}
      </form>
    </li>
  );
}
