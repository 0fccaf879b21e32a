/** The console's roster with 5,000 people: only the rows in view are in the page, and a name finds anyone. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ControlCommand, RosterItemView } from '@playfield/shared';
import { RosterPanel } from '../../client/src/components/RosterPanel.tsx';
import { VIRTUAL_FROM } from '../../client/src/components/RosterList.tsx';

const control = () =>
  vi.fn<(command: ControlCommand) => Promise<boolean>>(() => Promise.resolve(true));

/** 5,000 seats; every tenth is offline. */
function room(count = 5000): RosterItemView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i + 1}`,
    isOnline: i % 10 !== 0,
  }));
}

function rows(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'People in the session' })).queryAllByRole(
    'listitem',
  );
}

describe('RosterPanel with 5,000 people', () => {
  beforeEach(() => {
    // jsdom lays nothing out: the scrolling box is given a laptop's 480 px, each row 48.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.dataset['testid'] === 'roster-scroll' ? 480 : 0;
    });
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(48);
  });
  afterEach(() => vi.restoreAllMocks());

  it('puts only the rows in view in the page, each saying its place among 5,000', () => {
    render(<RosterPanel roster={room()} control={control()} />);

    expect(screen.getByRole('heading', { name: /People/ })).toHaveTextContent(
      '(4,500 online of 5,000)',
    );
    const listed = rows();
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.length).toBeLessThan(100);
    expect(listed[0]).toHaveTextContent('Person 1');
    expect(listed[0]).toHaveTextContent('offline');
    expect(listed[0]).toHaveAttribute('aria-posinset', '1');
    expect(listed[0]).toHaveAttribute('aria-setsize', '5000');
    expect(screen.queryByText('Person 5000')).not.toBeInTheDocument();
  });

  it('finds a person by name and selects them', async () => {
    const user = userEvent.setup();
    render(<RosterPanel roster={room()} control={control()} />);

    await user.type(screen.getByRole('searchbox', { name: 'Find a person' }), 'person 4321');
    expect(await screen.findByText('1 of 5,000 match')).toBeInTheDocument();
    expect(rows()).toHaveLength(1);
    await user.click(screen.getByRole('checkbox', { name: 'Select Person 4321' }));
    expect(screen.getByRole('button', { name: 'Remove selected (1)' })).toBeEnabled();
  });

  it('selects all 5,000 at once without drawing them', async () => {
    const user = userEvent.setup();
    render(<RosterPanel roster={room()} control={control()} />);

    await user.click(screen.getByRole('button', { name: 'Select all' }));
    expect(screen.getByRole('button', { name: 'Remove selected (5,000)' })).toBeEnabled();
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(100);
    expect(rows().every((li) => within(li).getByRole('checkbox').matches(':checked'))).toBe(true);
  });

  it('shows a patched seat without redrawing the list', () => {
    const roster = room();
    const { rerender } = render(<RosterPanel roster={roster} control={control()} />);
    expect(rows()[0]).toHaveTextContent('offline');

    // What a patch gives: a new array with one new entry, every other entry the same object.
    const patched = [...roster];
    patched[0] = { ...roster[0]!, isOnline: true };
    rerender(<RosterPanel roster={patched} control={control()} />);
    expect(rows()[0]).toHaveTextContent('online');
    expect(screen.getByRole('heading', { name: /People/ })).toHaveTextContent(
      '(4,501 online of 5,000)',
    );
  });

  it('draws a small room whole', () => {
    render(<RosterPanel roster={room(VIRTUAL_FROM)} control={control()} />);
    expect(rows()).toHaveLength(VIRTUAL_FROM);
    expect(screen.queryByTestId('roster-scroll')).not.toBeInTheDocument();
  });
});
