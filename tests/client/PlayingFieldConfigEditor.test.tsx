import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_DECK } from '@playfield/shared/exercises/playingField/deck';
import {
  playingFieldConfigSchema,
  type PlayingFieldConfig,
} from '@playfield/shared/exercises/playingField/model';
import PlayingFieldConfigEditor, {
  newCardId,
} from '../../client/src/exercises/playingField/ConfigEditor.tsx';

const TWO: PlayingFieldConfig = {
  cards: [
    { id: 'a', text: 'Refund past the return window', note: '€85' },
    { id: 'b', text: 'Waive a late fee', note: '' },
  ],
  consensusPercent: 75,
};

/** The editor with its config held in state, as the round editor holds it. */
function setup(initial: PlayingFieldConfig = TWO) {
  const changes = vi.fn<(config: PlayingFieldConfig) => void>();
  function Harness() {
    const [config, setConfig] = useState(initial);
    return (
      <PlayingFieldConfigEditor
        config={config}
        idPrefix="r1"
        onChange={(next) => {
          changes(next);
          setConfig(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { changes, user: userEvent.setup(), last: () => changes.mock.lastCall?.[0] };
}

describe('PlayingFieldConfigEditor', () => {
  it('edits a card’s text and its amount or risk', async () => {
    const { user, last } = setup();

    const text = screen.getByRole('textbox', { name: 'Card 2' });
    await user.clear(text);
    await user.type(text, 'Waive the €25 late fee');
    const notes = screen.getAllByRole('textbox', { name: 'Amount or risk (optional)' });
    await user.type(notes[1]!, '€25');

    expect(last()?.cards[1]).toEqual({ id: 'b', text: 'Waive the €25 late fee', note: '€25' });
    expect(playingFieldConfigSchema.safeParse(last()).success).toBe(true);
  });

  it('adds a card with a fresh id and removes one, never below two cards', async () => {
    const { user, last } = setup();

    expect(screen.getByRole('button', { name: 'Remove card 1' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Add card' }));
    expect(last()?.cards.map((c) => c.id)).toEqual(['a', 'b', 'card-3']);
    await user.type(screen.getByRole('textbox', { name: 'Card 3' }), 'Free rush delivery');
    await user.click(screen.getByRole('button', { name: 'Remove card 1' }));

    expect(last()?.cards.map((c) => c.text)).toEqual(['Waive a late fee', 'Free rush delivery']);
    expect(screen.getByRole('button', { name: 'Remove card 1' })).toBeDisabled();
  });

  it('stops adding at forty cards', () => {
    const cards = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, text: `C ${i}`, note: '' }));
    setup({ cards, consensusPercent: 75 });

    expect(screen.getByRole('button', { name: 'Add card' })).toBeDisabled();
    expect(
      screen.getByRole('group', { name: /Scenario cards \(40 of at most 40\)/ }),
    ).toBeVisible();
  });

  it('restores the built-in deck and sets the share that counts as agreement', async () => {
    const { user, last } = setup();

    await user.click(screen.getByRole('button', { name: 'Use the built-in deck' }));
    expect(last()?.cards).toEqual(DEFAULT_DECK);
    const share = screen.getByRole('spinbutton', { name: /The room agrees when at least/ });
    await user.clear(share);
    await user.type(share, '80');
    expect(last()?.consensusPercent).toBe(80);
  });

  it('finds an id no card has yet', () => {
    expect(newCardId([{ id: 'card-3', text: 'x', note: '' }])).toBe('card-2');
    expect(
      newCardId([
        { id: 'card-3', text: 'x', note: '' },
        { id: 'card-4', text: 'y', note: '' },
      ]),
    ).toBe('card-5');
  });
});
