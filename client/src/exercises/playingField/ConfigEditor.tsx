import { DEFAULT_DECK } from '@playfield/shared/exercises/playingField/deck';
import {
  CARD_NOTE_LENGTH,
  CARD_TEXT_LENGTH,
  MAX_CARDS,
} from '@playfield/shared/exercises/playingField/model';
import type { ConfigEditorProps } from '../types.ts';
import styles from './Facilitator.module.css';

type Config = ConfigEditorProps<'playingField'>['config'];
type Card = Config['cards'][number];

/** An id no card of the deck has yet: card-1, card-2, ... */
export function newCardId(cards: readonly Card[]): string {
  const taken = new Set(cards.map((c) => c.id));
  for (let n = cards.length + 1; ; n++) if (!taken.has(`card-${n}`)) return `card-${n}`;
}

/** Edits the deck of scenario cards and the share of the room that counts as agreement. */
export default function PlayingFieldConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'playingField'>) {
  const setCard = (index: number, patch: Partial<Card>) =>
    onChange({
      ...config,
      cards: config.cards.map((c, i) => (i === index ? { ...c, ...patch } : c)),
    });
  return (
    <div className={`stack stack--tight ${styles.editor}`}>
      <fieldset className="field">
        <legend>
          Scenario cards ({config.cards.length} of at most {MAX_CARDS})
        </legend>
        <ol className={styles.editorCards}>
          {config.cards.map((card, i) => (
            <li key={card.id} className={styles.editorCard}>
              {/* A label wrapping the textarea would take its text into the name. */}
              <div className="field field--grow">
                <label htmlFor={`${idPrefix}-card-${i}`}>Card {i + 1}</label>
                <textarea
                  id={`${idPrefix}-card-${i}`}
                  rows={2}
                  value={card.text}
                  maxLength={CARD_TEXT_LENGTH}
                  onChange={(e) => setCard(i, { text: e.target.value })}
                />
              </div>
              <label className="field">
                <span>Amount or risk (optional)</span>
                <input
                  value={card.note}
                  maxLength={CARD_NOTE_LENGTH}
                  placeholder="e.g. €85, fraud risk"
                  onChange={(e) => setCard(i, { note: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="button button--icon"
                aria-label={`Remove card ${i + 1}`}
                disabled={config.cards.length <= 2}
                onClick={() =>
                  onChange({ ...config, cards: config.cards.filter((_, j) => j !== i) })
                }
              >
                ×
              </button>
            </li>
          ))}
        </ol>
        <div className="actions">
          <button
            type="button"
            className="button button--quiet"
            disabled={config.cards.length >= MAX_CARDS}
            onClick={() =>
              onChange({
                ...config,
                cards: [...config.cards, { id: newCardId(config.cards), text: '', note: '' }],
              })
            }
          >
            Add card
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onChange({ ...config, cards: DEFAULT_DECK.map((c) => ({ ...c })) })}
          >
            Use the built-in deck
          </button>
        </div>
      </fieldset>
      <label className="field field--inline">
        <span>The room agrees when at least this share (%) chose one zone</span>
        <input
          id={`${idPrefix}-consensus`}
          type="number"
          min={51}
          max={100}
          value={config.consensusPercent}
          onChange={(e) => onChange({ ...config, consensusPercent: Number(e.target.value) })}
        />
      </label>
    </div>
  );
}
