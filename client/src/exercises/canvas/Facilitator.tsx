import { count, plural } from '@playfield/shared/plural';
import { useState } from 'react';
import type {
  CanvasFacilitatorView,
  CanvasModeratedCard,
} from '@playfield/shared/exercises/canvas/index';
import type { FacilitatorProps } from '../types.ts';
import { TeamFilter, TeamLabel } from '../../teams/TeamFilter.tsx';
import { useTeamView } from '../useTeamView.ts';
import { entryDetails } from './Cards.tsx';
import { useSender } from '../useSender.ts';
import cardStyles from './Cards.module.css';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { ResetButton, type ResetTexts } from '../../components/ResetButton.tsx';
import { SendButton } from '../../components/SendButton.tsx';

/** The reset button's text and the question it asks first. */
const RESET: ResetTexts = {
  label: 'Clear the canvas',
  question: 'Remove every entry from this canvas?',
};

type Send = (action: Parameters<FacilitatorProps<'canvas'>['act']>[0]) => Promise<boolean>;

const cardsOf = (view: CanvasFacilitatorView) => view.boxes.flatMap((b) => b.cards);
const onlyCards = (view: CanvasFacilitatorView, keep: (card: CanvasModeratedCard) => boolean) => ({
  ...view,
  boxes: view.boxes.map((b) => ({ ...b, cards: b.cards.filter(keep) })),
});

const short = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text);

/** The canvas in the console: every box live, with moderation for each card. */
export default function CanvasFacilitator({
  view: fullView,
  participantCount,
  act,
}: FacilitatorProps<'canvas'>) {
  // A per-table canvas can be looked at one table at a time.
  const { view, tables, team, setTeam } = useTeamView(fullView, cardsOf, onlyCards);
  const { error, send } = useSender(act);
  const { rating } = view;
  return (
    <div className="stack">
      <p className="question">{view.prompt}</p>
      <p className="muted">
        {plural(view.entryCount, 'entry', 'entries')} from {count(view.contributors)} of{' '}
        {plural(participantCount, 'person', 'people')} · at most {view.maxEntriesPerPerson} each
        {view.isAnonymous ? ' · anonymous' : ''}
      </p>
      <TeamFilter teams={tables} value={team} onChange={setTeam} />
      <ErrorAlert message={error} />
      <div className={styles.grid}>
        {view.boxes.map((box, b) => (
          <section
            key={box.title}
            className={cardStyles.box}
            aria-labelledby={`canvas-console-${b}`}
          >
            <h3 id={`canvas-console-${b}`}>{box.title}</h3>
            <p className="muted">
              {plural(box.entryCount, 'entry', 'entries')}
              {box.isRated &&
                box.averageRating !== null &&
                ` · average ${rating.question.toLowerCase()} ${box.averageRating.toFixed(1)} of ${rating.max}`}
            </p>
            {box.cards.length === 0 ? (
              <p className="muted">Nothing yet.</p>
            ) : (
              <ul className={cardStyles.cards} aria-label={`Entries in ${box.title}`}>
                {box.cards.map((card) => (
                  <ModeratedCard key={card.id} card={card} box={b} view={view} send={send} />
                ))}
              </ul>
            )}
            {box.hidden.length > 0 && (
              <details>
                <summary>Hidden ({box.hidden.length})</summary>
                <ul className={cardStyles.cards}>
                  {box.hidden.map((card) => (
                    <li key={card.id} className={`${cardStyles.card} ${cardStyles.hidden}`}>
                      <span>{card.text}</span>
                      {card.author && <span className={cardStyles.author}> — {card.author}</span>}
                      <TeamLabel team={card.team} className={cardStyles.author} />
                      <div className="actions">
                        <SendButton
                          send={send}
                          action={{ type: 'hide', entryId: card.id, isHidden: false }}
                          size="small"
                          label={`Show “${card.text}” again`}
                        >
                          Show again
                        </SendButton>
                      </div>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        ))}
      </div>
      <div className="actions">
        <ResetButton send={send} count={view.entryCount} texts={RESET} />
      </div>
    </div>
  );
}

/** One card with its merged entries and a fold-out of moderation controls. */
function ModeratedCard(props: {
  card: CanvasModeratedCard;
  box: number;
  view: CanvasFacilitatorView;
  send: Send;
}) {
  const { card, box, view, send } = props;
  const otherBoxes = view.boxes.flatMap((b, i) =>
    i === box ? [] : [{ index: i, title: b.title }],
  );
  const [moveTo, setMoveTo] = useState(otherBoxes[0]?.index ?? 0);
  const [mergeInto, setMergeInto] = useState('');
  const targets = view.boxes.map((b) => b.cards.filter((c) => c.id !== card.id));
  const details = entryDetails(
    view.boxes[box]?.isRated ? card.rating : null,
    view.rating.max,
    view.rating.question,
    card.tags.map((t) => (t.count > 1 ? `${t.tag} ×${t.count}` : t.tag)),
  );
  return (
    <li className={cardStyles.card}>
      <span>{card.text}</span>
      {card.count > 1 && <span className={cardStyles.count}> ×{card.count}</span>}
      {card.author && <span className={cardStyles.author}> — {card.author}</span>}
      {details && <span className={cardStyles.meta}>{details}</span>}
      {card.merged.length > 0 && (
        <ul className={styles.merged} aria-label={`Merged into “${card.text}”`}>
          {card.merged.map((m) => (
            <li key={m.id}>
              <span>
                {m.text}
                {m.author && ` — ${m.author}`}
              </span>
              <SendButton
                send={send}
                action={{ type: 'split', entryId: m.id }}
                variant="quiet"
                size="small"
                label={`Split “${m.text}” off`}
              >
                Split off
              </SendButton>
            </li>
          ))}
        </ul>
      )}
      <details className={styles.moderate}>
        <summary aria-label={`Moderate “${card.text}”`}>Moderate</summary>
        <div className="stack stack--tight">
          <div className="actions">
            <SendButton
              send={send}
              action={{ type: 'hide', entryId: card.id, isHidden: true }}
              variant="danger"
              size="small"
              label={`Hide “${card.text}”`}
            >
              Hide
            </SendButton>
          </div>
          {otherBoxes.length > 0 && (
            <div className="option-row">
              <label className="field field--grow">
                <span>Move to</span>
                <select value={moveTo} onChange={(e) => setMoveTo(Number(e.target.value))}>
                  {otherBoxes.map((b) => (
                    <option key={b.index} value={b.index}>
                      {b.title}
                    </option>
                  ))}
                </select>
              </label>
              <SendButton
                send={send}
                action={{ type: 'move', entryId: card.id, box: moveTo }}
                size="small"
                label={`Move “${card.text}”`}
              >
                Move
              </SendButton>
            </div>
          )}
          {targets.some((t) => t.length > 0) && (
            <div className="option-row">
              <label className="field field--grow">
                <span>Merge as a duplicate into</span>
                <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
                  <option value="">Choose an entry…</option>
                  {view.boxes.map((b, i) =>
                    targets[i]?.length ? (
                      <optgroup key={b.title} label={b.title}>
                        {targets[i].map((t) => (
                          <option key={t.id} value={t.id}>
                            {short(t.text)}
                            {t.count > 1 ? ` (×${t.count})` : ''}
                          </option>
                        ))}
                      </optgroup>
                    ) : null,
                  )}
                </select>
              </label>
              <SendButton
                send={send}
                action={{ type: 'merge', entryId: card.id, intoId: mergeInto }}
                size="small"
                label={`Merge “${card.text}”`}
                disabled={mergeInto === ''}
              >
                Merge
              </SendButton>
            </div>
          )}
        </div>
      </details>
    </li>
  );
}
