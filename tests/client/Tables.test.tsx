/** The console's Tables panel and "By table", the phone's table card, the screen's tables. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  Accepted,
  ControlCommand,
  Result,
  RosterItemView,
  TeamsView,
} from '@playfield/shared';
import type { BrainstormFacilitatorView } from '@playfield/shared/exercises/brainstorm/index';
import { ByTable } from '../../client/src/components/ByTable.tsx';
import BrainstormFacilitator from '../../client/src/exercises/brainstorm/Facilitator.tsx';
import { QuizTablesBoard } from '../../client/src/teams/QuizTablesBoard.tsx';
import { RosterPanel } from '../../client/src/components/RosterPanel.tsx';
import TablesPanel, { MEMBERS_SHOWN } from '../../client/src/teams/TablesPanel.tsx';
import { ScreenTables } from '../../client/src/teams/ScreenTables.tsx';
import { TeamCard } from '../../client/src/teams/TeamCard.tsx';
import { TeamFilter, teamsOn } from '../../client/src/teams/TeamFilter.tsx';

const TEAMS: TeamsView = {
  isChoosing: false,
  teams: [
    { id: 't1', name: 'Table 1', size: 2 },
    { id: 't2', name: 'Table 2', size: 1 },
  ],
};

const seat = (id: string, name: string, teamId: string | null): RosterItemView => ({
  id,
  name,
  isOnline: true,
  hasLeft: false,
  isRemoved: false,
  teamId,
});

const ROSTER = [seat('a', 'Ana', 't1'), seat('b', 'Ben', 't1'), seat('c', 'Cleo', 't2')];

function control() {
  return vi.fn<(command: ControlCommand) => Promise<boolean>>(() => Promise.resolve(true));
}

describe('TablesPanel', () => {
  it('forms tables at random with the number chosen', async () => {
    const send = control();
    render(<TablesPanel teams={undefined} roster={ROSTER} control={send} />);
    expect(screen.getByText(/No tables yet/)).toBeTruthy();
    const count = screen.getByLabelText('Number of tables');
    await userEvent.clear(count);
    await userEvent.type(count, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Form at random' }));
    expect(send).toHaveBeenCalledWith({ type: 'teams.form', count: 3, isRandom: true });
  });

  it('refuses a number of tables outside 2 to 20 before sending anything', async () => {
    const send = control();
    render(<TablesPanel teams={undefined} roster={ROSTER} control={send} />);
    const count = screen.getByLabelText('Number of tables');
    await userEvent.clear(count);
    await userEvent.type(count, '25');
    expect(screen.getByRole('button', { name: 'Form at random' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Choose between 2 and 20 tables.')).toBeTruthy();
  });

  it('lists each table with its people and moves a person with the select', async () => {
    const send = control();
    render(
      <TablesPanel teams={TEAMS} roster={[...ROSTER, seat('d', 'Dev', null)]} control={send} />,
    );
    const table1 = screen.getByRole('listitem', { name: 'Table 1, 2 people' });
    expect(within(table1).getByText('Ana')).toBeTruthy();
    expect(within(table1).getByText('Ben')).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'No table, 1 person' })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Table for Ben'), 'Table 2');
    expect(send).toHaveBeenCalledWith({ type: 'teams.move', participantId: 'b', teamId: 't2' });
    await userEvent.selectOptions(screen.getByLabelText('Table for Ana'), 'No table');
    expect(send).toHaveBeenCalledWith({ type: 'teams.move', participantId: 'a', teamId: null });
  });

  it('lists the first people of a big table and the rest on request', async () => {
    const crowd = Array.from({ length: 300 }, (_, i) => seat(`p${i}`, `Person ${i + 1}`, 't1'));
    render(<TablesPanel teams={TEAMS} roster={crowd} control={control()} />);
    const table1 = screen.getByRole('listitem', { name: 'Table 1, 300 people' });
    expect(within(table1).getAllByRole('combobox')).toHaveLength(MEMBERS_SHOWN);
    expect(within(table1).queryByText('Person 300')).toBeNull();

    await userEvent.click(within(table1).getByRole('button', { name: 'Show all 300' }));
    expect(within(table1).getByText('Person 300')).toBeTruthy();
    await userEvent.click(within(table1).getByRole('button', { name: 'Show fewer' }));
    expect(within(table1).getAllByRole('combobox')).toHaveLength(MEMBERS_SHOWN);
  });

  it('renames a table on Enter, removes one, adds one and lets people choose', async () => {
    const send = control();
    render(<TablesPanel teams={TEAMS} roster={ROSTER} control={send} />);
    const name = screen.getByLabelText('Name of Table 2');
    await userEvent.clear(name);
    await userEvent.type(name, 'Window{Enter}');
    expect(send).toHaveBeenCalledWith({ type: 'teams.rename', teamId: 't2', name: 'Window' });
    await userEvent.click(screen.getByRole('button', { name: 'Remove Table 1' }));
    expect(send).toHaveBeenCalledWith({ type: 'teams.remove', teamId: 't1' });
    await userEvent.click(screen.getByRole('button', { name: 'Add a table' }));
    expect(send).toHaveBeenCalledWith({ type: 'teams.add' });
    await userEvent.click(screen.getByLabelText('Let people choose their table on the phone'));
    expect(send).toHaveBeenCalledWith({ type: 'teams.settings', isChoosing: true });
  });

  it('moves a person dragged onto another table', () => {
    const send = control();
    render(<TablesPanel teams={TEAMS} roster={ROSTER} control={send} />);
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      get types() {
        return [...data.keys()];
      },
      effectAllowed: 'move',
    };
    const ana = screen.getByText('Ana').closest('li') as HTMLElement;
    const table2 = screen.getByRole('listitem', { name: 'Table 2, 1 person' });
    // jsdom has no DataTransfer: hand the events one, as a browser would.
    ana.dispatchEvent(Object.assign(new Event('dragstart', { bubbles: true }), { dataTransfer }));
    table2.dispatchEvent(
      Object.assign(new Event('dragover', { bubbles: true, cancelable: true }), { dataTransfer }),
    );
    table2.dispatchEvent(
      Object.assign(new Event('drop', { bubbles: true, cancelable: true }), { dataTransfer }),
    );
    expect(send).toHaveBeenCalledWith({ type: 'teams.move', participantId: 'a', teamId: 't2' });
  });
});

describe('the roster with tables', () => {
  it('shows each person’s table, and nothing about tables when there are none', () => {
    const { rerender } = render(<RosterPanel roster={ROSTER} teams={TEAMS} control={control()} />);
    expect(screen.getAllByText(/online · Table 1/)).toHaveLength(2);
    expect(screen.getByText(/online · Table 2/)).toBeTruthy();
    rerender(<RosterPanel roster={ROSTER} control={control()} />);
    expect(screen.queryByText(/Table/)).toBeNull();
  });
});

describe('ByTable', () => {
  it('draws the round’s counts per table with table names as row headers', () => {
    render(
      <ByTable
        summary={{
          headline: 'By table: 2 tables',
          blocks: [
            {
              type: 'table',
              columns: ['Table', 'Complaints', 'Surveys', 'Answered', 'Options chosen'],
              rows: [
                ['Table 1', '2', '0', '2', '1'],
                ['Table 2', '1', '1', '1', '2'],
              ],
            },
          ],
        }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Results by table' });
    expect(within(region).getByRole('heading', { name: 'By table' })).toBeTruthy();
    expect(within(region).getByRole('rowheader', { name: 'Table 2' })).toBeTruthy();
    expect(within(region).getAllByRole('row')).toHaveLength(3);
  });
});

describe('TeamCard on the phone', () => {
  const ok = (): Promise<Result<Accepted>> => Promise.resolve({ ok: true, data: { seq: 1 } });

  it('says which table is yours and offers no picker unless people choose', () => {
    render(<TeamCard teams={TEAMS} teamId="t2" pick={ok} />);
    expect(screen.getByText('Your table:').textContent).toBe('Your table: Table 2');
    expect(screen.queryByRole('group', { name: 'Tables' })).toBeNull();
  });

  it('shows nothing without tables', () => {
    const { container } = render(<TeamCard teams={undefined} teamId={undefined} pick={ok} />);
    expect(container.textContent).toBe('');
  });

  it('lets people pick when allowed, marking their table with a tick and aria-pressed', async () => {
    const pick = vi.fn(ok);
    const { rerender } = render(
      <TeamCard teams={{ ...TEAMS, isChoosing: true }} teamId={undefined} pick={pick} />,
    );
    expect(screen.getByText('Choose your table')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Table 2/ }));
    expect(pick).toHaveBeenCalledWith('t2');
    rerender(<TeamCard teams={{ ...TEAMS, isChoosing: true }} teamId="t2" pick={pick} />);
    const chosen = screen.getByRole('button', { name: /Table 2/ });
    expect(chosen.getAttribute('aria-pressed')).toBe('true');
    expect(chosen.textContent).toContain('✓');
  });

  it('says why a pick was refused', async () => {
    const pick = () =>
      Promise.resolve({
        ok: false as const,
        error: { code: 'FORBIDDEN' as const, message: 'The facilitator places people at tables' },
      });
    render(<TeamCard teams={{ ...TEAMS, isChoosing: true }} teamId={undefined} pick={pick} />);
    await userEvent.click(screen.getByRole('button', { name: /Table 1/ }));
    expect(screen.getByRole('alert').textContent).toBe('The facilitator places people at tables');
  });
});

describe('ScreenTables', () => {
  it('lists the tables with their head counts and members, and how to join', () => {
    render(
      <ScreenTables
        teams={[
          { id: 't1', name: 'Table 1', size: 2, members: ['Ana', 'Ben'] },
          { id: 't2', name: 'Window', size: 1, members: ['Cleo'] },
        ]}
        joinUrl={null}
        host="playfield.example"
        code="ABC234"
      />,
    );
    const tables = screen.getByRole('list', { name: 'Tables' });
    expect(within(tables).getByText('Window')).toBeTruthy();
    expect(within(tables).getByText('Ben')).toBeTruthy();
    expect(
      within(tables)
        .getAllByText(/people|person/)
        .map((e) => e.textContent),
    ).toEqual([' people', ' person']);
    expect(screen.getByText('ABC234')).toBeTruthy();
  });
});

describe('TeamFilter', () => {
  it('offers the tables found on the board and reports the choice', async () => {
    const onChange = vi.fn();
    const teams = teamsOn([{ team: 'Table 1' }, {}, { team: 'Window' }, { team: 'Table 1' }]);
    expect(teams).toEqual(['Table 1', 'Window']);
    render(<TeamFilter teams={teams} value={null} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'Window');
    expect(onChange).toHaveBeenCalledWith('Window');
  });
});

describe('per-table boards and the quiz by table', () => {
  it('filters a per-table brainstorm on the console to one table', async () => {
    const view: BrainstormFacilitatorView = {
      prompt: 'Worst nightmare?',
      isAnonymous: true,
      tags: [],
      maxNotesPerPerson: 3,
      noteLength: 200,
      dotsPerPerson: 3,
      maxDotsPerItem: 2,
      phase: 'cluster',
      clusters: [],
      loose: [
        { id: 'n1', text: 'Free returns forever', tag: null, absorbed: [], team: 'Table 1' },
        { id: 'n2', text: 'Next-hour delivery', tag: null, absorbed: [], team: 'Window' },
        { id: 'n3', text: 'A named manager', tag: null, absorbed: [] },
      ],
      hidden: [],
      counts: { notes: 3, hidden: 0, authors: 3, voters: 0 },
      boardSpace: 'open',
      ranking: null,
    };
    render(
      <BrainstormFacilitator
        view={view}
        participantCount={3}
        act={() => Promise.resolve({ ok: true, data: { seq: 1 } })}
      />,
    );
    expect(screen.getByText('Free returns forever')).toBeTruthy();
    expect(screen.getAllByText(/· Window/)).toHaveLength(1);
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'Window');
    expect(screen.queryByText('Free returns forever')).toBeNull();
    expect(screen.queryByText('A named manager')).toBeNull();
    expect(screen.getByText('Next-hour delivery')).toBeTruthy();
  });

  it('ranks tables by average points on the quiz screen, six at most', () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({
      rank: i + 1,
      name: `Table ${i + 1}`,
      average: 900 - i * 100,
      total: 1800 - i * 200,
      members: 2,
    }));
    render(<QuizTablesBoard entries={entries} />);
    const list = screen.getByRole('list', { name: 'Tables by average points' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(6);
    expect(within(list).getAllByRole('listitem')[0]?.textContent).toBe('1stTable 1900 avg');
    expect(screen.getByText('and 2 more tables')).toBeTruthy();
  });
});
