import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RoundContext } from '@playfield/shared';
import { rolePlay, type RolePlayState } from '@playfield/shared/exercises/rolePlay/index';
import RolePlayFacilitator from '../../client/src/exercises/rolePlay/Facilitator.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

/** Real console views from the shared exercise: five people make a trio and a pair. */
const PEOPLE = ['Ana', 'Ben', 'Cai', 'Dee', 'Eli'].map((name) => ({
  id: `p-${name}`,
  name,
  hasLeft: false,
}));
const CTX: RoundContext = {
  isOpen: true,
  isRevealed: false,
  roster: Object.fromEntries(PEOPLE.map((p) => [p.id, p])),
  at: 0,
};

function must(state: RolePlayState, action: Parameters<typeof rolePlay.reduce>[1], by?: string) {
  const result = rolePlay.reduce(
    state,
    action,
    by ? { role: 'participant', participantId: by } : { role: 'facilitator' },
    CTX,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const initial = rolePlay.init(rolePlay.defaultConfig(), 'console-seed');
const formed = must(initial, { type: 'form' });
const nameOf = (id: string | undefined) => PEOPLE.find((p) => p.id === id)?.name ?? '';

function setup(state: RolePlayState, ctx: RoundContext = CTX) {
  const act = vi.fn<Act<'rolePlay'>>(() => Promise.resolve(accepted));
  render(
    <RolePlayFacilitator
      view={rolePlay.facilitatorView(state, ctx)}
      participantCount={Object.keys(ctx.roster).length}
      act={act}
    />,
  );
  return { act, user: userEvent.setup() };
}

describe('RolePlayFacilitator', () => {
  it('counts a single group in the singular', () => {
    const trio: RoundContext = {
      ...CTX,
      roster: Object.fromEntries(PEOPLE.slice(0, 3).map((p) => [p.id, p])),
    };
    const result = rolePlay.reduce(initial, { type: 'form' }, { role: 'facilitator' }, trio);
    if (!result.ok) throw new Error(result.error.message);
    setup(result.data, trio);

    expect(screen.getByText('Play 1 · 1 group')).toBeVisible();
    expect(screen.getByText(/0 of 1 group scored/)).toBeVisible();
  });

  it('offers to form groups before there are any, and sends the form action', async () => {
    const { act, user } = setup(initial);

    expect(screen.getByText('No groups yet')).toBeVisible();
    expect(screen.queryByRole('button', { name: /Rotate/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Form groups' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'form' });
  });

  it('lists each group with who plays what and who scores', () => {
    setup(formed);

    expect(screen.getByText('Play 1 · 2 groups')).toBeVisible();
    const table = screen.getByRole('table', { name: 'Groups and parts' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Group', 'Customer', 'Provider', 'Observer']);
    const rows = within(table).getAllByRole('row').slice(1);
    const [trio, pair] = formed.groups;
    expect(within(rows[0] as HTMLElement).getAllByRole('cell')[0]).toHaveTextContent(
      nameOf(trio?.members[0]),
    );
    expect(rows[0]).toHaveTextContent(`${nameOf(trio?.members[2])} (scores)`);
    // In the pair the customer scores.
    expect(rows[1]).toHaveTextContent(`${nameOf(pair?.members[0])} (scores)`);
    expect(
      within(screen.getByRole('table', { name: /^Scores per group/ }))
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'Group1Communicate2Empathise3Clarify4CorrectStatus',
      'Group 1––––Not scored',
      'Group 2––––Not scored',
    ]);
  });

  it('shows the scores per group, the status and the room’s step statistics', () => {
    let state = formed;
    const scorer = formed.groups[0]?.members[2];
    for (const [step, value] of [
      ['Communicate', 4],
      ['Empathise', 2],
      ['Clarify', 5],
      ['Correct', 3],
    ] as const) {
      state = must(state, { type: 'score', step, value }, scorer);
    }
    setup(state);

    const rows = within(screen.getByRole('table', { name: 'Groups and parts' })).getAllByRole(
      'row',
    );
    expect(rows).toHaveLength(3);
    // The scores in a table of their own: steps numbered, named for screen readers and in a key.
    const scores = screen.getByRole('table', { name: 'Scores per group (1 to 5)' });
    expect(
      within(scores)
        .getAllByRole('columnheader')
        .slice(1)
        .map((h) => h.textContent),
    ).toEqual(['1Communicate', '2Empathise', '3Clarify', '4Correct', 'Status']);
    expect(within(scores).getByRole('columnheader', { name: 'Empathise' })).toBeVisible();
    expect(screen.getByText('1 Communicate · 2 Empathise · 3 Clarify · 4 Correct')).toBeVisible();
    const groupRows = within(scores).getAllByRole('row').slice(1);
    expect(
      groupRows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['4', '2', '5', '3', '✓ Scored'],
      ['–', '–', '–', '–', 'Not scored'],
    ]);
    const figures = screen.getByRole('table', { name: 'Scores per step' });
    expect(
      within(within(figures).getByRole('row', { name: /^Empathise/ }))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2.0', '2', '2', '1']);
    expect(screen.getByText(/1 of 2 groups scored/)).toBeVisible();
    const means = within(screen.getByRole('list', { name: 'Mean score per step' }));
    expect(means.getAllByRole('listitem')[1]).toHaveTextContent(
      'Empathise2.0 of 51 score: 1 gave 2',
    );
  });

  it('rotates roles with one click when groups exist', async () => {
    const { act, user } = setup(formed);

    await user.click(screen.getByRole('button', { name: 'Rotate roles (next play)' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'rotate' });
  });

  it('asks before re-forming groups and sends nothing when the facilitator declines', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const { act, user } = setup(formed);

    await user.click(screen.getByRole('button', { name: 'Re-form groups' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(act).not.toHaveBeenCalled();

    confirm.mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Re-form groups' }));
    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'form' });
  });

  it('names the newcomers waiting and places them on request', async () => {
    const zoe = { id: 'p-Zoe', name: 'Zoe', hasLeft: false };
    const withZoe = { ...CTX, roster: { ...CTX.roster, [zoe.id]: zoe } };
    const { act, user } = setup(formed, withZoe);

    expect(screen.getByText('Waiting for a group: Zoe')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Place 1 newcomer' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'placeNewcomers' });
  });

  it('shows the server’s refusal', async () => {
    const { act, user } = setup(formed);
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'Form the groups first' },
    });

    await user.click(screen.getByRole('button', { name: 'Rotate roles (next play)' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Form the groups first');
  });
});
