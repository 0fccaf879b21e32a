/**
 * Co-facilitators on the console: a producer's agenda is read-only (no edit, move, remove,
 * add or day-start controls, and it says why in words) while "Go to" still runs the
 * session; a facilitator's agenda keeps every control; the "who did what" drawer lists the
 * log's console actions with who ran each, and reads them again on Refresh.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ActivityEntry, AgendaItemView, FacilitatorView, Result } from '@playfield/shared';
import { ActivityPanel, describeActivity } from '../../client/src/console/ActivityPanel.tsx';
import { AgendaPanel } from '../../client/src/console/AgendaPanel.tsx';
import { facilitatorPoll, header } from './fixtures.ts';

function item(id: string, title: string): AgendaItemView {
  return {
    id,
    kind: 'poll',
    title,
    config: {
      question: 'Which channel?',
      options: ['Phone', 'Email'],
      isMultipleChoice: false,
      isAnonymous: false,
    },
    isOpen: true,
    isRevealed: false,
    hasStarted: id === 'r1',
    submitted: 0,
  };
}

function liveView(): FacilitatorView {
  return {
    session: header({ phase: 'live' }),
    isLocked: false,
    prompt: null,
    agenda: [item('r1', 'Warm-up'), item('r2', 'Second poll')],
    roster: [],
    timer: null,
    round: {
      kind: 'poll',
      view: facilitatorPoll(),
      id: 'r1',
      title: 'Warm-up',
      index: 0,
      count: 2,
      isOpen: true,
      isRevealed: false,
      actionPlanPrompt: 'What will you do?',
      controls: ['open', 'reveal'],
      submitted: 0,
    },
    clock: {
      startedAt: 0,
      rounds: { r1: { spentMs: 0, extendedMs: 0 } },
      currentSince: 0,
      screen: 'live',
      isCountdownShown: false,
    },
  };
}

const renderAgenda = (canEdit: boolean) => {
  const control = vi.fn(() => Promise.resolve(true));
  render(
    <AgendaPanel
      view={liveView()}
      sessionId="s1"
      token={canEdit ? 'k'.repeat(43) : null}
      control={control}
      isOpen
      onToggle={() => undefined}
      canEdit={canEdit}
    />,
  );
  return control;
};

describe("a producer's agenda", () => {
  it('shows no editing control and says why, while Go to still runs the session', async () => {
    const control = renderAgenda(false);
    const agenda = screen.getByRole('region', { name: 'Agenda' });
    expect(within(agenda).getByRole('note')).toHaveTextContent(/producer you run the rounds/);
    for (const name of [/^Edit$/, /Move .* (up|down)/, /^Remove /, /Add a round/, /Day starts at/])
      expect(within(agenda).queryByRole('button', { name })).toBeNull();
    expect(within(agenda).queryByLabelText(/Day starts at/)).toBeNull();
    expect(
      within(agenda)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('Warm-up'), expect.stringContaining('Second poll')]);
    await userEvent.click(within(agenda).getByRole('button', { name: 'Go to' }));
    expect(control).toHaveBeenCalledWith({ type: 'round.goto', roundId: 'r2' });
  });

  it("keeps every control on a facilitator's agenda", () => {
    renderAgenda(true);
    const agenda = screen.getByRole('region', { name: 'Agenda' });
    expect(within(agenda).queryByRole('note')).toBeNull();
    expect(within(agenda).getAllByRole('button', { name: 'Edit' })).toHaveLength(2);
    expect(within(agenda).getByRole('button', { name: 'Move Second poll up' })).toBeEnabled();
    expect(within(agenda).getByRole('button', { name: 'Add a round' })).toBeInTheDocument();
    expect(within(agenda).getByLabelText('Day starts at')).toBeInTheDocument();
  });
});

describe('who did what', () => {
  it("lists the log's console actions with who ran each, and reads them again on Refresh", async () => {
    const first: ActivityEntry[] = [
      { seq: 3, at: Date.UTC(2026, 0, 5, 9, 5), type: 'round.revealed', who: 'sam@example.com' },
      { seq: 2, at: Date.UTC(2026, 0, 5, 9, 0), type: 'session.started', who: 'Console key' },
    ];
    const load = vi
      .fn<() => Promise<Result<ActivityEntry[]>>>()
      .mockResolvedValueOnce({ ok: true, data: first })
      .mockResolvedValueOnce({
        ok: true,
        data: [
          { seq: 4, at: Date.UTC(2026, 0, 5, 9, 6), type: 'timer.started', who: 'kim@example.com' },
          ...first,
        ],
      });
    render(<ActivityPanel load={load} />);
    const list = await screen.findByRole('list', { name: 'Who did what, newest first' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('sam@example.com revealed results'),
      expect.stringContaining('Console key started the session'),
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh who did what' }));
    expect(await within(list).findByText('kim@example.com')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('says when nothing was done from a console, and shows a refusal', async () => {
    const load = vi
      .fn<() => Promise<Result<ActivityEntry[]>>>()
      .mockResolvedValueOnce({ ok: true, data: [] })
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'No longer a member' },
      });
    render(<ActivityPanel load={load} />);
    expect(await screen.findByText('Nothing done from a console yet.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh who did what' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No longer a member');
    expect(describeActivity('qa.pinned')).toBe('qa pinned');
  });
});
