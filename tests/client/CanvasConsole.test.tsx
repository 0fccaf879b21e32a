/** The console, the room screen and the settings editor of the canvas. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  CanvasConfig,
  CanvasFacilitatorView,
  CanvasModeratedCard,
  CanvasScreenView,
} from '@playfield/shared/exercises/canvas/index';
import CanvasConfigEditor from '../../client/src/exercises/canvas/ConfigEditor.tsx';
import CanvasFacilitator from '../../client/src/exercises/canvas/Facilitator.tsx';
import CanvasScreen from '../../client/src/exercises/canvas/Screen.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const BEFORE = { title: 'Before they buy', hint: 'Adverts…', isRated: true };
const IDEAS = { title: 'Ideas', hint: '', isRated: false };
const LAYOUT = {
  prompt: 'List the contacts a customer has with us.',
  boxes: [BEFORE, IDEAS],
  rating: { question: 'Impression', max: 5, lowLabel: 'Poor', highLabel: 'Excellent' },
  tags: ['Not mine'],
  isAnonymous: false,
};

function facilitatorView(overrides: Partial<CanvasFacilitatorView> = {}): CanvasFacilitatorView {
  return {
    ...LAYOUT,
    boxes: [
      {
        ...BEFORE,
        entryCount: 3,
        averageRating: 3.67,
        ratingCount: 3,
        cards: [
          {
            id: 'e1',
            text: 'Website',
            count: 2,
            rating: 3,
            tags: [{ tag: 'Not mine', count: 1 }],
            isHidden: false,
            author: 'Ana',
            merged: [{ id: 'e2', text: 'Web site', author: 'Ben' }],
          },
          {
            id: 'e3',
            text: 'Phone call',
            count: 1,
            rating: 5,
            tags: [],
            isHidden: false,
            author: 'Cai',
            merged: [],
          },
        ],
        hidden: [
          {
            id: 'e4',
            text: 'Rude reply',
            count: 1,
            rating: 1,
            tags: [],
            isHidden: true,
            author: 'Ben',
            merged: [],
          },
        ],
      },
      {
        ...IDEAS,
        entryCount: 0,
        averageRating: null,
        ratingCount: 0,
        cards: [],
        hidden: [],
      },
    ],
    maxEntriesPerPerson: 12,
    entryCount: 4,
    contributors: 3,
    ...overrides,
  };
}

function setupConsole(view = facilitatorView()) {
  const act = vi.fn<Act<'canvas'>>(() => Promise.resolve(accepted));
  render(<CanvasFacilitator view={view} participantCount={8} act={act} />);
  return { act, user: userEvent.setup() };
}

const region = (name: string) => screen.getByRole('region', { name });

describe('CanvasFacilitator', () => {
  it('shows each box with its figures and cards, authors and merged duplicates', () => {
    setupConsole();

    expect(screen.getByText(/4 entries from 3 of 8 people/)).toHaveTextContent(
      '4 entries from 3 of 8 people · at most 12 each',
    );
    const before = region('Before they buy');
    expect(within(before).getByText(/3 entries/)).toHaveTextContent(
      '3 entries · average impression 3.7 of 5',
    );
    const website = within(before).getAllByRole('listitem')[0] as HTMLElement;
    expect(website).toHaveTextContent('Website ×2 — AnaImpression 3 of 5 · Not mine');
    expect(within(website).getByRole('list', { name: 'Merged into “Website”' })).toHaveTextContent(
      'Web site — Ben',
    );
    expect(within(region('Ideas')).getByText('Nothing yet.')).toBeVisible();
  });

  it('hides a card', async () => {
    const { act, user } = setupConsole();

    await user.click(
      screen.getByText('Moderate', { selector: '[aria-label="Moderate “Phone call”"]' }),
    );
    await user.click(screen.getByRole('button', { name: 'Hide “Phone call”' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'hide', entryId: 'e3', isHidden: true });
  });

  it('moves a card to the box chosen', async () => {
    const { act, user } = setupConsole();

    await user.click(
      screen.getByText('Moderate', { selector: '[aria-label="Moderate “Website”"]' }),
    );
    const card = screen
      .getByRole('button', { name: 'Move “Website”' })
      .closest('li') as HTMLElement;
    expect(within(card).getByRole('combobox', { name: 'Move to' })).toHaveValue('1');
    await user.click(within(card).getByRole('button', { name: 'Move “Website”' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'move', entryId: 'e1', box: 1 });
  });

  it('merges a card into the duplicate chosen, and not before one is chosen', async () => {
    const { act, user } = setupConsole();

    await user.click(
      screen.getByText('Moderate', { selector: '[aria-label="Moderate “Phone call”"]' }),
    );
    const merge = screen.getByRole('button', { name: 'Merge “Phone call”' });
    expect(merge).toBeDisabled();
    const card = merge.closest('li') as HTMLElement;
    const select = within(card).getByRole('combobox', { name: 'Merge as a duplicate into' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose an entry…', 'Website (×2)']);
    await user.selectOptions(select, 'e1');
    await user.click(merge);

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'merge', entryId: 'e3', intoId: 'e1' });
  });

  it('splits a merged entry off and shows a hidden one again', async () => {
    const { act, user } = setupConsole();

    await user.click(screen.getByRole('button', { name: 'Split “Web site” off' }));
    await user.click(screen.getByText('Hidden (1)'));
    await user.click(screen.getByRole('button', { name: 'Show “Rude reply” again' }));

    expect(act.mock.calls.map(([a]) => a)).toEqual([
      { type: 'split', entryId: 'e2' },
      { type: 'hide', entryId: 'e4', isHidden: false },
    ]);
  });

  it('shows the server’s message when a moderation is refused', async () => {
    const { act, user } = setupConsole();
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That entry is no longer on the canvas' },
    });

    await user.click(screen.getByRole('button', { name: 'Split “Web site” off' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That entry is no longer on the canvas',
    );
  });

  it('clears the canvas only when confirmed', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    const { act, user } = setupConsole();

    await user.click(screen.getByRole('button', { name: 'Clear the canvas' }));

    expect(confirm).toHaveBeenCalledWith('Remove every entry from this canvas?');
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'reset' });
  });

  it('shows no author when the canvas is anonymous', () => {
    const named = facilitatorView();
    const unnamed = (card: CanvasModeratedCard): CanvasModeratedCard => ({
      ...card,
      author: null,
      merged: card.merged.map((m) => ({ ...m, author: null })),
    });
    const view = facilitatorView({
      isAnonymous: true,
      boxes: named.boxes.map((b) => ({
        ...b,
        cards: b.cards.map(unnamed),
        hidden: b.hidden.map(unnamed),
      })),
    });
    setupConsole(view);

    expect(screen.queryByText(/— /)).not.toBeInTheDocument();
    expect(screen.getByText(/anonymous/)).toBeVisible();
  });

  it('shows one table’s cards when the console picks a table', async () => {
    const view = facilitatorView();
    const [before, ideas] = view.boxes as [(typeof view.boxes)[0], (typeof view.boxes)[0]];
    const [website, phone] = before.cards as [CanvasModeratedCard, CanvasModeratedCard];
    const { user } = setupConsole({
      ...view,
      boxes: [
        {
          ...before,
          cards: [
            { ...website, team: 'Window' },
            { ...phone, team: 'Door' },
          ],
        },
        ideas,
      ],
    });

    await user.selectOptions(screen.getByLabelText('Show'), 'Door');

    expect(within(region('Before they buy')).queryByText('Website')).toBeNull();
    expect(within(region('Before they buy')).getByText('Phone call')).toBeVisible();
    await user.selectOptions(screen.getByLabelText('Show'), 'All tables');
    expect(within(region('Before they buy')).getByText('Website')).toBeVisible();
  });
});

function screenView(overrides: Partial<CanvasScreenView> = {}): CanvasScreenView {
  return {
    ...LAYOUT,
    board: [
      {
        entryCount: 9,
        averageRating: 2.5,
        ratingCount: 8,
        moreCards: 3,
        cards: [
          { id: 'e1', text: 'Website', count: 2, rating: 3, tags: [{ tag: 'Not mine', count: 1 }] },
          { id: 'e3', text: 'Phone call', count: 1, rating: 5, tags: [] },
        ],
      },
      { entryCount: 0, averageRating: null, ratingCount: 0, moreCards: 0, cards: [] },
    ],
    entryCount: 9,
    contributors: 5,
    ...overrides,
  };
}

describe('CanvasScreen', () => {
  it('shows every box filling in with its figures, the heaviest cards and how many more', () => {
    render(<CanvasScreen view={screenView()} participantCount={9} />);

    expect(screen.getByText(/entries from/)).toHaveTextContent('9 entries from 5 people');
    const before = region('Before they buy');
    expect(within(before).getByText(/impression 2.5 of 5/)).toHaveTextContent(
      '9 entries · impression 2.5 of 5',
    );
    expect(
      within(before)
        .getAllByRole('listitem')
        .map((c) => c.textContent),
    ).toEqual(['Website ×2Impression 3 of 5 · Not mine', 'Phone callImpression 5 of 5']);
    expect(within(before).getByText('+ 3 more')).toBeVisible();
    expect(within(region('Ideas')).getByText('Nothing yet.')).toBeVisible();
  });
});

describe('CanvasScreen with two rows of boxes', () => {
  it('shows the notes that fit a box whole and counts the rest', () => {
    // Layout as Chromium would measure it: each box's list ends at 100 px, a card is 45 px.
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: Element,
    ) {
      const index = this.parentElement ? [...this.parentElement.children].indexOf(this) : 0;
      const bottom = this.tagName === 'LI' ? 45 * (index + 1) : 100;
      const top = bottom - 40;
      return { x: 0, y: top, top, bottom, left: 0, right: 200, width: 200, height: 40 } as DOMRect;
    });
    const boxes = Array.from({ length: 5 }, (_, i) => ({
      title: `Link ${i + 1}`,
      hint: '',
      isRated: false,
    }));
    const cards = ['One', 'Two', 'Three', 'Four'].map((text, i) => ({
      id: `e${i + 1}`,
      text,
      count: 1,
      rating: null,
      tags: [],
    }));
    const board = boxes.map(() => ({
      entryCount: 5,
      averageRating: null,
      ratingCount: 0,
      moreCards: 1,
      cards,
    }));
    render(<CanvasScreen view={screenView({ boxes, board })} participantCount={9} />);

    const first = region('Link 1');
    expect(
      within(first)
        .getAllByRole('listitem')
        .map((c) => c.textContent),
    ).toEqual(['One', 'Two']);
    expect(within(first).getByText('+ 3 more')).toBeVisible();
    rect.mockRestore();
  });
});

describe('CanvasConfigEditor', () => {
  const config: CanvasConfig = {
    ...LAYOUT,
    maxEntriesPerPerson: 12,
    actionPrompt: 'What will I do?',
  };

  it('starts from a preset when one is chosen', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<CanvasConfigEditor config={config} onChange={onChange} idPrefix="r1" />);

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Start from' }),
      'Internal service chain',
    );

    const next = onChange.mock.lastCall?.[0] as CanvasConfig;
    expect(next.tags).toContain('Not mine');
    expect(next.isAnonymous).toBe(true);
  });

  it('adds a box and rates a box when its box is ticked', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<CanvasConfigEditor config={config} onChange={onChange} idPrefix="r1" />);

    await user.click(screen.getByRole('button', { name: 'Add box' }));
    expect(onChange).toHaveBeenLastCalledWith({
      ...config,
      boxes: [...config.boxes, { title: '', hint: '', isRated: false }],
    });
    await user.click(screen.getByRole('checkbox', { name: 'Rate each entry in box 2' }));
    expect((onChange.mock.lastCall?.[0] as CanvasConfig).boxes[1]?.isRated).toBe(true);
  });

  it('does not offer to remove a box when only two are left', () => {
    render(<CanvasConfigEditor config={config} onChange={vi.fn()} idPrefix="r1" />);

    expect(screen.getByRole('button', { name: 'Remove box 1' })).toBeDisabled();
  });

  it('hides the rating settings when no box is rated', () => {
    const unrated = { ...config, boxes: config.boxes.map((b) => ({ ...b, isRated: false })) };
    render(<CanvasConfigEditor config={unrated} onChange={vi.fn()} idPrefix="r1" />);

    expect(screen.queryByRole('group', { name: 'Rating' })).not.toBeInTheDocument();
  });
});
