import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { BrainstormScreenView } from '@playfield/shared/exercises/brainstorm/index';
import BrainstormScreen from '../../client/src/exercises/brainstorm/Screen.tsx';

function screenView(overrides: Partial<BrainstormScreenView> = {}): BrainstormScreenView {
  return {
    prompt: 'What could a competitor do that would be your worst nightmare?',
    isAnonymous: true,
    tags: [],
    phase: 'collect',
    dotsPerPerson: 3,
    counts: { notes: 17, authors: 9, voters: 0 },
    tagCounts: null,
    board: null,
    ranking: null,
    moreRanked: 0,
    moreRankedDots: 0,
    boardSpace: 'open',
    ...overrides,
  };
}

const BOARD: NonNullable<BrainstormScreenView['board']> = {
  groups: [
    {
      name: 'Speed',
      noteCount: 5,
      notes: [
        { id: 'n1', text: 'Same-day delivery everywhere', tag: null, similar: 1 },
        { id: 'n2', text: 'Next-hour delivery in cities', tag: null, similar: 0 },
      ],
    },
    {
      name: null,
      noteCount: 1,
      notes: [{ id: 'n3', text: 'Free returns forever', tag: null, similar: 0 }],
    },
  ],
  moreGroups: 2,
};

describe('BrainstormScreen', () => {
  it('shows only how many notes came in while the room writes', () => {
    render(<BrainstormScreen view={screenView()} participantCount={12} />);

    expect(
      screen.getByRole('heading', {
        name: 'What could a competitor do that would be your worst nightmare?',
      }),
    ).toBeVisible();
    expect(screen.getByText(/notes from 9 people/)).toHaveTextContent('17 notes from 9 people');
    expect(screen.getByText(/Post your notes on your phone: they are anonymous/)).toBeVisible();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows the revealed board by cluster, cut to fit, with what was left out counted', () => {
    render(
      <BrainstormScreen
        view={screenView({ phase: 'cluster', board: BOARD })}
        participantCount={12}
      />,
    );

    const groups = within(screen.getByRole('list', { name: 'Notes by cluster' }));
    expect(groups.getByRole('heading', { name: 'Speed (5)' })).toBeVisible();
    expect(groups.getByRole('heading', { name: 'Not in a cluster (1)' })).toBeVisible();
    // Two notes shown, one of them with a duplicate: 5 - 3 = 2 more.
    expect(groups.getByText('+ 2 more notes')).toBeVisible();
    expect(groups.getByText(/Same-day delivery everywhere/)).toHaveTextContent(
      'Same-day delivery everywhere +1',
    );
    expect(screen.getByText('and 2 more clusters')).toBeVisible();
  });

  it('shows the notes that fit a cluster whole and counts the rest (#17.28)', () => {
    // Layout as Chromium would measure it: a cluster's notes end at 100 px, a note is 60 px.
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: Element,
    ) {
      const list = this.parentElement;
      const isNote = this.tagName === 'LI' && list?.parentElement?.tagName === 'LI';
      const bottom = isNote && list ? 60 * ([...list.children].indexOf(this) + 1) : 100;
      const top = bottom - 50;
      return { x: 0, y: top, top, bottom, left: 0, right: 200, width: 200, height: 50 } as DOMRect;
    });
    render(
      <BrainstormScreen
        view={screenView({ phase: 'cluster', board: BOARD })}
        participantCount={12}
      />,
    );

    const speed = within(
      screen.getByRole('heading', { name: 'Speed (5)' }).closest('li') as HTMLElement,
    );
    expect(speed.getAllByRole('listitem').map((n) => n.textContent)).toEqual([
      'Same-day delivery everywhere +1',
    ]);
    // One note shown with its duplicate: 5 - 2 = 3 more.
    expect(speed.getByText('+ 3 more notes')).toBeVisible();
    rect.mockRestore();
  });

  it('counts voters, not dots, while the room votes', () => {
    render(
      <BrainstormScreen
        view={screenView({
          phase: 'vote',
          board: BOARD,
          counts: { notes: 6, authors: 4, voters: 3 },
        })}
        participantCount={12}
      />,
    );

    expect(screen.getByText(/Dot voting:/)).toHaveTextContent('Dot voting: 3 of 12 have voted');
    expect(screen.queryByText(/dots?\b.*\d/)).not.toBeInTheDocument();
  });

  it('waits for the reveal before showing the results', () => {
    render(
      <BrainstormScreen
        view={screenView({ phase: 'results', counts: { notes: 6, authors: 4, voters: 3 } })}
        participantCount={12}
      />,
    );

    expect(screen.getByText(/The results are in/)).toBeVisible();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('ranks the items as large bars once revealed, the rest in one bar', () => {
    render(
      <BrainstormScreen
        view={screenView({
          phase: 'results',
          counts: { notes: 6, authors: 4, voters: 5 },
          ranking: [
            { id: 'c1', kind: 'cluster', label: 'Speed', dots: 9, notes: 5, voters: 5 },
            { id: 'n3', kind: 'note', label: 'Free returns forever', dots: 3, notes: 1, voters: 2 },
          ],
          moreRanked: 4,
          moreRankedDots: 4,
        })}
        participantCount={12}
      />,
    );

    const rows = within(screen.getByRole('list', { name: 'Ranking by dots' })).getAllByRole(
      'listitem',
    );
    // The four ideas that did not fit share one bar: 9 + 3 + 4 = 16 dots in all.
    expect(rows.map((r) => r.textContent)).toEqual([
      '1. Speed9 (56%)',
      '2. Free returns forever3 (19%)',
      '4 more ideas4 (25%)',
    ]);
    expect(screen.getByText('5 people voted')).toBeVisible();
  });

  it('gives items with equal dots the same rank (#17.6)', () => {
    render(
      <BrainstormScreen
        view={screenView({
          phase: 'results',
          counts: { notes: 6, authors: 4, voters: 5 },
          ranking: [
            { id: 'c1', kind: 'cluster', label: 'Speed', dots: 4, notes: 5, voters: 4 },
            { id: 'c2', kind: 'cluster', label: 'Refunds', dots: 4, notes: 2, voters: 4 },
            { id: 'n3', kind: 'note', label: 'Free returns', dots: 4, notes: 1, voters: 3 },
            { id: 'n4', kind: 'note', label: 'Call back', dots: 2, notes: 1, voters: 2 },
          ],
          moreRanked: 0,
          moreRankedDots: 0,
        })}
        participantCount={12}
      />,
    );

    const rows = within(screen.getByRole('list', { name: 'Ranking by dots' })).getAllByRole(
      'listitem',
    );
    expect(rows.map((r) => r.textContent?.split('.')[0])).toEqual(['1', '1', '1', '4']);
  });

  it('counts notes per tag when the board is tagged', () => {
    render(
      <BrainstormScreen
        view={screenView({
          phase: 'cluster',
          tags: ['The culture we want', 'The culture we have'],
          tagCounts: [4, 7],
          board: BOARD,
        })}
        participantCount={12}
      />,
    );

    expect(screen.getByText('The culture we have').parentElement).toHaveTextContent(
      'The culture we have 7',
    );
  });
});

describe('BrainstormScreen before the board is full', () => {
  it('tells the room the board is nearly full, then full, instead of asking for notes', () => {
    const { rerender } = render(
      <BrainstormScreen view={screenView({ boardSpace: 'nearlyFull' })} participantCount={12} />,
    );
    expect(screen.getByText('The board is nearly full: only a few more notes fit.')).toBeVisible();
    expect(screen.queryByText(/Post your notes/)).not.toBeInTheDocument();

    rerender(<BrainstormScreen view={screenView({ boardSpace: 'full' })} participantCount={12} />);
    expect(screen.getByText('The board is full: no more notes fit.')).toBeVisible();
  });
});
