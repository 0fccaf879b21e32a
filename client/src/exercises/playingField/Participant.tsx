import { useEffect, useRef, useState } from 'react';
import type {
  PlayingFieldCard,
  PlayingFieldOwnView,
  PlayingFieldPublicView,
  TestQuestionId,
  Zone,
} from '@playfield/shared/exercises/playingField/index';
import type { Act, ParticipantProps } from '../types.ts';
import { Spread, ZoneLegend } from './Spread.tsx';
import { QUESTIONS, ZONE_INFO, zoneInfo } from './zones.ts';
import { useSender } from '../useSender.ts';
import styles from './Participant.module.css';
import zones from './Zones.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { ChoiceButton } from '../../components/ChoiceButton.tsx';
import { StepNav } from '../../components/StepNav.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';

const BLANK: PlayingFieldOwnView = { placements: {}, testAnswers: {} };

type Send = (action: Parameters<Act<'playingField'>>[0]) => Promise<boolean>;

/**
 * The playing field on a phone: one card at a time into the three zones, a review list to
 * change any placement until the lock; then the room's spread, the rigid-to-flexible test
 * and the team's map, as the facilitator moves the round on.
 */
export function PlayingFieldParticipant({
  view,
  own,
  isOpen,
  act,
}: ParticipantProps<'playingField'>) {
  const mine = own ?? BLANK;
  const { error, isBusy, send } = useSender(act);

  let body: React.ReactNode;
  if (view.phase === 'map') body = <MapOnPhone view={view} />;
  else if (view.phase === 'test')
    body = <TestOnPhone view={view} own={mine} isOpen={isOpen} isBusy={isBusy} send={send} />;
  else if (view.results) body = <RoomSpread view={view} own={mine} />;
  else
    body = (
      <Placing
        cards={view.cards}
        placements={mine.placements}
        isOpen={isOpen}
        isBusy={isBusy}
        send={send}
      />
    );
  return (
    <section className={`stack ${zones.light} ${zones.phone}`}>
      {body}
      <ErrorAlert message={error} />
    </section>
  );
}

function firstUnplaced(
  cards: readonly PlayingFieldCard[],
  placements: Record<string, Zone>,
  from = 0,
): number | null {
  for (let step = 0; step < cards.length; step++) {
    const i = (from + step) % cards.length;
    const card = cards[i];
    if (card && !placements[card.id]) return i;
  }
  return null;
}

function Placing(props: {
  cards: PlayingFieldCard[];
  placements: Record<string, Zone>;
  isOpen: boolean;
  isBusy: boolean;
  send: Send;
}) {
  const { cards, placements, isOpen, isBusy, send } = props;
  const placed = cards.filter((c) => placements[c.id]).length;
  // Null until the person moves: until then follow their placements (which may arrive
  // after the page, on a reload), starting at the first card still to place.
  const [index, setIndex] = useState<number | null>(null);
  const [reviewing, setReviewing] = useState<boolean | null>(null);
  const isReviewing = reviewing ?? placed === cards.length;
  const heading = useRef<HTMLHeadingElement>(null);
  const hasMoved = useRef(false);
  const current = Math.min(index ?? firstUnplaced(cards, placements) ?? 0, cards.length - 1);
  const card = cards[current];

  // After a move (not on arrival), put the focus on the new card so a screen reader reads it.
  useEffect(() => {
    if (hasMoved.current) heading.current?.focus();
  }, [current, isReviewing]);

  const goTo = (i: number) => {
    hasMoved.current = true;
    setIndex(i);
    setReviewing(false);
  };

  async function choose(zone: Zone) {
    if (!card) return;
    if (!(await send({ type: 'place', cardId: card.id, zone }))) return;
    hasMoved.current = true;
    const next = firstUnplaced(cards, { ...placements, [card.id]: zone }, current + 1);
    if (next === null) setReviewing(true);
    else setIndex(next);
  }

  const progress = (
    <ProgressBar id="pf-progress" value={placed} max={cards.length}>
      {placed} of {cards.length} cards placed
    </ProgressBar>
  );

  if (!isOpen || isReviewing || !card) {
    return (
      <>
        <h2 className="question" ref={heading} tabIndex={-1}>
          {isOpen ? 'Your placements' : 'Placements are locked'}
        </h2>
        <p className="muted" role="status">
          {!isOpen
            ? 'Waiting for the facilitator to show the room’s spread.'
            : placed === cards.length
              ? `All ${cards.length} cards placed. Tap a card to change it until the facilitator locks the round.`
              : 'Tap a card to place it or change it.'}
        </p>
        {progress}
        <ol className={zones.list}>
          {cards.map((c, i) => {
            const zone = placements[c.id];
            const content = (
              <>
                <span>{c.text}</span>
                <span className={`${styles.reviewZone} ${zones.tinted}`} data-zone={zone}>
                  {zone ? (
                    <>
                      <span className={zones.symbol} aria-hidden="true">
                        {zoneInfo(zone).symbol}
                      </span>{' '}
                      {zoneInfo(zone).short}
                    </>
                  ) : (
                    'Not placed yet'
                  )}
                </span>
              </>
            );
            return (
              <li key={c.id}>
                {isOpen ? (
                  <button type="button" className={styles.reviewItem} onClick={() => goTo(i)}>
                    {content}
                  </button>
                ) : (
                  <div className={styles.reviewItem}>{content}</div>
                )}
              </li>
            );
          })}
        </ol>
        {isOpen && placed < cards.length && (
          <button
            type="button"
            className="button button--primary button--block"
            onClick={() => goTo(firstUnplaced(cards, placements) ?? 0)}
          >
            Place the next card
          </button>
        )}
      </>
    );
  }

  const chosen = placements[card.id];
  return (
    <>
      {progress}
      <article className={styles.card} aria-labelledby="pf-card-text">
        <p className="eyebrow">
          Card {current + 1} of {cards.length}
        </p>
        <h2 className={styles.cardText} id="pf-card-text" ref={heading} tabIndex={-1}>
          {card.text}
        </h2>
        {card.note && <p className={styles.cardNote}>At stake: {card.note}</p>}
      </article>
      <p id="pf-where" className={styles.where}>
        Where does it belong?
      </p>
      {/* Keyed by card: the next card gets fresh buttons, not the last one's pressed state. */}
      <div key={card.id} role="radiogroup" aria-labelledby="pf-where" className="choices">
        {ZONE_INFO.map((zone) => {
          const isChosen = chosen === zone.id;
          return (
            <button
              key={zone.id}
              type="button"
              role="radio"
              aria-checked={isChosen}
              aria-labelledby={`pf-zone-${zone.id}`}
              aria-describedby={`pf-zone-${zone.id}-hint`}
              className={`choice ${styles.zone} ${isChosen ? `is-chosen ${styles.chosen}` : ''}`}
              data-zone={zone.id}
              disabled={isBusy}
              onClick={() => void choose(zone.id)}
            >
              <span className={styles.zoneSymbol} aria-hidden="true">
                {zone.symbol}
              </span>
              <span className={styles.zoneText}>
                <span className={styles.zoneLabel} id={`pf-zone-${zone.id}`}>
                  {zone.label}
                </span>
                <span className={styles.zoneHint} id={`pf-zone-${zone.id}-hint`}>
                  {zone.hint}
                </span>
                {isChosen && (
                  <span className={styles.zoneMine} aria-hidden="true">
                    ✓ your choice
                  </span>
                )}
              </span>
            </button>
          );
        })}
      </div>
      <StepNav
        index={current}
        count={cards.length}
        onGo={goTo}
        previous="← Back"
        next={chosen ? 'Next →' : 'Skip →'}
      />
      <button
        type="button"
        className="button button--quiet button--block"
        onClick={() => {
          hasMoved.current = true;
          setReviewing(true);
        }}
      >
        Review all placements
      </button>
      <p className="status-line" role="status">
        {chosen ? `Placed: ${zoneInfo(chosen).short}. You can change it until the lock.` : ''}
      </p>
    </>
  );
}

function kappaLine(view: PlayingFieldPublicView): string {
  const results = view.results;
  if (!results) return '';
  const { kappa } = results;
  const agreement =
    kappa.value === null
      ? `Agreement (Fleiss’ κ) is ${kappa.label}.`
      : `Agreement: κ = ${kappa.value.toFixed(2)}, ${kappa.label}.`;
  return `${agreement} The room agrees on ${results.consensus.length} of ${view.cards.length} cards.`;
}

function RoomSpread({ view, own }: { view: PlayingFieldPublicView; own: PlayingFieldOwnView }) {
  const results = view.results;
  if (!results) return null;
  const rank = new Map(results.contested.map((id, i) => [id, i + 1]));
  return (
    <>
      <h2 className="question">The room’s spread</h2>
      <p>{kappaLine(view)}</p>
      <ZoneLegend />
      <ol className={zones.list}>
        {view.cards.map((card) => {
          const spread = results.spreads.find((s) => s.cardId === card.id);
          if (!spread) return null;
          const contested = rank.get(card.id);
          return (
            <li key={card.id} className={styles.result} data-testid="card-result">
              <p className={styles.resultText}>{card.text}</p>
              <Spread counts={spread.counts} mine={own.placements[card.id] ?? null} />
              {spread.isConsensus && spread.majorityZone ? (
                <p className={`${zones.badge} ${zones.agree}`}>
                  Room agrees: {zoneInfo(spread.majorityZone).short} (
                  {Math.round((spread.majorityShare ?? 0) * 100)} %)
                </p>
              ) : contested !== undefined && contested <= 3 ? (
                <p className={`${zones.badge} ${zones.contested}`}>Most contested #{contested}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function TestOnPhone(props: {
  view: PlayingFieldPublicView;
  own: PlayingFieldOwnView;
  isOpen: boolean;
  isBusy: boolean;
  send: Send;
}) {
  const { view, own, isOpen, isBusy, send } = props;
  const card = view.cards.find((c) => c.id === view.activeTestCardId);
  if (!card) {
    return (
      <>
        <h2 className="question">From rigid to flexible</h2>
        <p>Waiting for the facilitator to open the test of a card.</p>
        <TestResults view={view} />
      </>
    );
  }
  const answers = own.testAnswers[card.id] ?? {};
  const answered = QUESTIONS.filter((q) => answers[q.id] !== undefined).length;
  const answer = (question: TestQuestionId, value: boolean) =>
    void send({ type: 'test.answer', cardId: card.id, question, answer: value });
  return (
    <>
      <p className="eyebrow">From rigid to flexible</p>
      <article className={styles.card}>
        <h2 className={styles.cardText}>{card.text}</h2>
        {card.note && <p className={styles.cardNote}>At stake: {card.note}</p>}
      </article>
      <p className="muted">Four yes answers argue for widening the playing field for this card.</p>
      {QUESTIONS.map((q) => (
        <div key={q.id} className={styles.question}>
          <p id={`pf-q-${q.id}`} className={styles.questionText}>
            {q.text}
          </p>
          <div role="radiogroup" aria-labelledby={`pf-q-${q.id}`} className="choices choices--row">
            {[true, false].map((value) => {
              const isChosen = answers[q.id] === value;
              return (
                <ChoiceButton
                  key={String(value)}
                  role="radio"
                  isChosen={isChosen}
                  mark={value ? '✓' : '✗'}
                  disabled={!isOpen || isBusy}
                  onChoose={() => answer(q.id, value)}
                >
                  {value ? 'Yes' : 'No'}
                </ChoiceButton>
              );
            })}
          </div>
        </div>
      ))}
      <StatusLine isOpen={isOpen} closed="Answers are locked.">
        {answered === QUESTIONS.length
          ? 'All four answered. You can change them while the test is open.'
          : `${answered} of ${QUESTIONS.length} answered.`}
      </StatusLine>
    </>
  );
}

function TestResults({ view }: { view: PlayingFieldPublicView }) {
  if (view.tests.length === 0) return null;
  return (
    <ul className={`${zones.list} ${zones.testList}`} data-testid="tests-list">
      {view.tests.map((t) => {
        const card = view.cards.find((c) => c.id === t.cardId);
        return (
          <li key={t.cardId}>
            <strong>{card?.text}</strong>:{' '}
            {t.verdict === 'widen'
              ? `yes to all four: widen the field${t.suggestedZone ? ` (${zoneInfo(t.suggestedZone).short.toLowerCase()})` : ''}`
              : t.verdict === 'keep'
                ? `${t.yesMajorities} of 4 questions with a yes majority: keep it`
                : 'no answers'}
          </li>
        );
      })}
    </ul>
  );
}

function MapOnPhone({ view }: { view: PlayingFieldPublicView }) {
  const undecided = view.cards.length - view.map.length;
  return (
    <>
      <h2 className="question">Our playing field</h2>
      {ZONE_INFO.map((zone) => {
        const entries = view.map.filter((e) => e.zone === zone.id);
        return (
          <section
            key={zone.id}
            className={zones.mapZone}
            data-zone={zone.id}
            aria-labelledby={`pf-map-${zone.id}`}
          >
            <h3 id={`pf-map-${zone.id}`}>
              <span className={zones.symbol} aria-hidden="true">
                {zone.symbol}
              </span>{' '}
              {zone.label}
            </h3>
            {entries.length === 0 ? (
              <p className="muted">No cards yet.</p>
            ) : (
              <ul className={`${zones.list} ${styles.mapList}`}>
                {entries.map((e) => (
                  <li key={e.cardId}>
                    {view.cards.find((c) => c.id === e.cardId)?.text}
                    {e.guideline && (
                      <span className={styles.guideline}>Guideline: {e.guideline}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {undecided > 0 && (
        <p className="muted">
          {undecided} {undecided === 1 ? 'card is' : 'cards are'} still to be decided.
        </p>
      )}
    </>
  );
}
