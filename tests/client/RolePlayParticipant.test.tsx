import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RoundContext } from '@playfield/shared';
import { rolePlay, type RolePlayState } from '@playfield/shared/exercises/rolePlay/index';
import { RolePlayParticipant } from '../../client/src/exercises/rolePlay/Participant.tsx';
import type { Act, ParticipantProps } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

/** Real views from the shared exercise: three people, one trio, seeded groups. */
const PEOPLE = ['Ana', 'Ben', 'Cai'].map((name) => ({ id: `p-${name}`, name, hasLeft: false }));
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

const initial = rolePlay.init(rolePlay.defaultConfig(), 'client-seed');
const formed = must(initial, { type: 'form' });
const [customer, provider, observer] = formed.groups[0]?.members ?? [];
const nameOf = (id: string | undefined) => PEOPLE.find((p) => p.id === id)?.name ?? '';

function setup(
  state: RolePlayState,
  participantId: string | undefined,
  props: Partial<Omit<ParticipantProps<'rolePlay'>, 'act'>> = {},
  ctx: RoundContext = CTX,
) {
  const act = vi.fn<Act<'rolePlay'>>(() => Promise.resolve(accepted));
  const own = rolePlay.participantOwnView(state, participantId ?? '', ctx);
  render(
    <RolePlayParticipant
      view={rolePlay.participantPublicView(state, ctx)}
      own={own.group ? own : null}
      isOpen={ctx.isOpen}
      {...props}
      act={act}
    />,
  );
  return { act, user: userEvent.setup() };
}

describe('RolePlayParticipant', () => {
  it('shows the complaint and the steps while the groups are being formed', () => {
    setup(initial, undefined);

    expect(screen.getByRole('status')).toHaveTextContent('about to form the groups');
    expect(screen.getByRole('heading', { name: 'The unanswered complaint' })).toBeVisible();
    expect(screen.getByText(/arrived damaged/)).toBeVisible();
    expect(screen.getByText('Communicate')).toBeVisible();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('tells a late joiner they will be placed when groups already exist', () => {
    setup(formed, undefined);

    expect(screen.getByRole('status')).toHaveTextContent('You will be placed in one shortly');
  });

  it('shows the customer their part, their partners and what they are upset about', () => {
    setup(formed, customer);

    expect(screen.getByText('Customer')).toBeVisible();
    const group = screen.getByRole('list', { name: 'Your group' });
    expect(
      within(group)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`${nameOf(provider)}: service provider`, `${nameOf(observer)}: observer, scores`]);
    expect(screen.getByRole('heading', { name: 'What you are upset about' })).toBeVisible();
    expect(screen.getByText(formed.config.scenario.customerBrief)).toBeVisible();
    expect(screen.queryByText(formed.config.scenario.providerBrief)).not.toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('shows the provider their brief and the four steps with what each means', () => {
    setup(formed, provider);

    expect(screen.getByText('Service provider')).toBeVisible();
    expect(screen.getByText(formed.config.scenario.providerBrief)).toBeVisible();
    const steps = screen.getAllByRole('listitem').filter((li) => /: /.test(li.textContent ?? ''));
    expect(steps.map((li) => li.textContent)).toContain(
      'Empathise: Separate blame from the problem; focus on the customer’s core needs.',
    );
    expect(screen.queryByText(formed.config.scenario.customerBrief)).not.toBeInTheDocument();
  });

  it('sends a score for the tapped step and value when the observer scores', async () => {
    const { act, user } = setup(formed, observer);

    expect(screen.getByText('Observer (you score)')).toBeVisible();
    const empathise = screen.getByRole('radiogroup', { name: /Empathise/ });
    await user.click(within(empathise).getByRole('radio', { name: 'Empathise: 4 of 5' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'score', step: 'Empathise', value: 4 });
    expect(screen.getByRole('status')).toHaveTextContent('0 of 4 steps scored.');
  });

  it('marks the scores already given and says when every step is scored', () => {
    let state = formed;
    for (const [step, value] of [
      ['Communicate', 4],
      ['Empathise', 2],
      ['Clarify', 5],
      ['Correct', 3],
    ] as const) {
      state = must(state, { type: 'score', step, value }, observer);
    }
    setup(state, observer);

    expect(screen.getByRole('radio', { name: 'Empathise: 2 of 5' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Empathise: 3 of 5' })).not.toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent('your group can see the scores');
  });

  it('saves a note with the comment action', async () => {
    const { act, user } = setup(formed, observer);

    await user.type(
      screen.getByRole('textbox', { name: 'A short note for your group (optional)' }),
      'Good apology ',
    );
    await user.click(screen.getByRole('button', { name: 'Save the note' }));

    expect(act).toHaveBeenCalledExactlyOnceWith({ type: 'comment', text: 'Good apology' });
  });

  it('shows the server’s refusal when a score is refused', async () => {
    const { act, user } = setup(formed, observer);
    act.mockResolvedValueOnce({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'Scores are locked for this role-play' },
    });

    await user.click(screen.getByRole('radio', { name: 'Clarify: 1 of 5' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Scores are locked');
  });

  it('disables scoring and says so when the round is locked', async () => {
    const { act, user } = setup(formed, observer, {}, { ...CTX, isOpen: false });

    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Scores are locked.');
    await user.click(screen.getByRole('radio', { name: 'Clarify: 1 of 5' }));
    expect(act).not.toHaveBeenCalled();
  });

  it('shows the customer the observer’s finished card and, once revealed, the room’s means', () => {
    let state = formed;
    for (const [step, value] of [
      ['Communicate', 4],
      ['Empathise', 2],
      ['Clarify', 5],
      ['Correct', 3],
    ] as const) {
      state = must(state, { type: 'score', step, value }, observer);
    }
    state = must(state, { type: 'comment', text: 'Calm and clear' }, observer);
    setup(state, customer, {}, { ...CTX, isRevealed: true });

    const card = screen.getByRole('heading', { name: 'Your group’s scores' }).parentElement;
    expect(card).not.toBeNull();
    expect(within(card as HTMLElement).getByText('Empathise').nextSibling).toHaveTextContent(
      '2 of 5',
    );
    expect(screen.getByText('Calm and clear')).toBeVisible();
    const means = within(screen.getByRole('list', { name: 'The room’s mean score per step' }));
    expect(means.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Communicate4.0 of 5',
      'Empathise2.0 of 5',
      'Clarify5.0 of 5',
      'Correct3.0 of 5',
    ]);
  });
});
