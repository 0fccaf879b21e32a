import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RedBeadCommonView } from '@playfield/shared/exercises/redBead/index';
import { promises } from '@playfield/shared/exercises/promises/index';
import { FiguresTable } from '../../client/src/components/FiguresTable.tsx';
import { RecordTable } from '../../client/src/exercises/redBead/RecordTable.tsx';
import PromisesFacilitator from '../../client/src/exercises/promises/Facilitator.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const cellsOf = (table: HTMLElement, rowheader: string) =>
  within(within(table).getByRole('rowheader', { name: rowheader }).closest('tr') as HTMLElement)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('FiguresTable', () => {
  it('shows short headings, names each column in full for screen readers and keys them', () => {
    render(
      <FiguresTable
        caption="Figures per measure"
        rowHeading="Measure"
        columns={[
          { label: 'Expected', short: 'Exp.' },
          { label: 'Gap' },
          { label: 'Verdict', isText: true },
        ]}
        rows={[
          { key: 'speed', label: 'Speed of answering the phone', cells: ['6.0', '−1.5', 'Short'] },
        ]}
      />,
    );

    const table = screen.getByRole('table', { name: 'Figures per measure' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Measure', 'Exp.Expected', 'Gap', 'Verdict']);
    // Screen readers hear the full words; the eye reads the short form, the key and the hover.
    expect(within(table).getByRole('columnheader', { name: 'Expected' })).toBeVisible();
    expect(screen.getByTitle('Expected')).toHaveTextContent('Exp.');
    expect(screen.getByText('Exp. Expected')).toBeVisible();
    expect(cellsOf(table, 'Speed of answering the phone')).toEqual(['6.0', '−1.5', 'Short']);
  });

  it('stacks a row’s control under its heading and keeps the heading named by its label', () => {
    const onClick = vi.fn();
    render(
      <FiguresTable
        caption="Spread"
        isCaptionHidden
        rowHeading="Statement"
        columns={[{ label: 'Count' }]}
        rows={[
          {
            key: '0',
            label: 'Priced per hour',
            cells: [3],
            action: (
              <button type="button" onClick={onClick}>
                Show
              </button>
            ),
          },
        ]}
      />,
    );

    const heading = screen.getByRole('rowheader', { name: 'Priced per hour' });
    expect(within(heading).getByRole('button', { name: 'Show' })).toBeVisible();
    expect(screen.getByRole('table', { name: 'Spread' })).toBeInTheDocument();
    // No short headings: no key.
    expect(screen.queryByText(/·/)).not.toBeInTheDocument();
  });
});

describe('RecordTable on the console and the phone', () => {
  const view = {
    currentWorkerId: 'w2',
    table: {
      columns: ['Worker', 'Day 1', 'Day 2', 'Day 3', 'Total'],
      rows: [
        {
          workerId: 'w1',
          name: 'Alexandra Montgomery-Whitfield',
          status: 'active',
          cells: [[9], [11, 7], []],
          total: 27,
        },
        { workerId: 'w2', name: 'Ben', status: 'fired', cells: [[13], [], []], total: 13 },
      ],
    },
  } as unknown as RedBeadCommonView;

  it('numbers the days under one heading, which screen readers hear as “Day n”', () => {
    render(<RecordTable view={view} />);

    const table = screen.getByRole('table', { name: 'Red beads per worker and day' });
    for (const day of ['Day 1', 'Day 2', 'Day 3'])
      expect(within(table).getByRole('columnheader', { name: day })).toHaveTextContent(
        day.replace('Day ', '') + day,
      );
    expect(within(table).getByRole('columnheader', { name: 'Day' })).toHaveAttribute(
      'colspan',
      '3',
    );
    // A double shift reads as two draws; the total stays the last cell.
    expect(cellsOf(table, 'Alexandra Montgomery-Whitfield')).toEqual(['9', '11 + 7', '', '27']);
    expect(cellsOf(table, 'Ben (fired)')).toEqual(['13', '', '', '13']);
  });

  it('keeps the room screen’s single row of “Day n” headings', () => {
    render(<RecordTable view={view} size="large" />);

    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Worker',
      'Day 1',
      'Day 2',
      'Day 3',
      'Total',
    ]);
  });
});

describe('PromisesFacilitator', () => {
  it('tallies the predictions per promise beside what the model says happens', () => {
    const ctx = { isOpen: true, isRevealed: false, roster: {}, at: 0 };
    const view = promises.facilitatorView(promises.init(promises.defaultConfig(), 'seed'), ctx);
    render(
      <PromisesFacilitator
        view={view}
        participantCount={12}
        act={vi.fn<Act<'promises'>>(() => Promise.resolve(accepted))}
      />,
    );

    const table = screen.getByRole('table', { name: 'Predictions: 0 of 12 people' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Promise', 'Grows', 'Holds steady', 'Shrinks', 'What happens']);
    for (const promise of ['Under-promise', 'Realistic promise', 'Over-promise']) {
      const [grows, steady, shrinks, outcome] = cellsOf(table, promise);
      expect([grows, steady, shrinks]).toEqual(['0', '0', '0']);
      expect(outcome).toMatch(/^(Grows|Holds steady|Shrinks) to [\d,]+$/);
    }
  });
});
