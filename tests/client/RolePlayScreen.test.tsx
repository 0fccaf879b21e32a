import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RoundContext } from '@playfield/shared';
import { rolePlay, type RolePlayState } from '@playfield/shared/exercises/rolePlay/index';
import RolePlayScreen from '../../client/src/exercises/rolePlay/Screen.tsx';

/** Real screen views from the shared exercise: six people make two trios. */
const PEOPLE = ['Ana', 'Ben', 'Cai', 'Dee', 'Eli', 'Fay'].map((name) => ({
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

const formed = must(rolePlay.init(rolePlay.defaultConfig(), 'screen-seed'), { type: 'form' });
let scored = formed;
for (const [g, values] of [
  [0, [4, 2, 5, 3]],
  [1, [5, 3, 4, 4]],
] as const) {
  const scorer = formed.groups[g]?.members[2];
  for (const [i, step] of formed.config.steps.entries()) {
    scored = must(scored, { type: 'score', step: step.name, value: values[i] ?? 1 }, scorer);
  }
}

describe('RolePlayScreen', () => {
  it('shows the complaint, the steps and how many groups scored, but no scores, before the reveal', () => {
    render(<RolePlayScreen view={rolePlay.screenView(scored, CTX)} participantCount={6} />);

    expect(screen.getByRole('heading', { name: 'The unanswered complaint' })).toBeVisible();
    expect(screen.getByText(/arrived damaged/)).toBeVisible();
    const steps = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      'Communicate Be responsive and listen.',
      'Empathise Separate blame from the problem; focus on the customer’s core needs.',
      'Clarify What is the problem? Isolate and refine the needs: what can be done, and how?',
      'Correct Take action and fix it, and keep the customer.',
    ]);
    expect(screen.getByText(/groups have scored/)).toHaveTextContent('2 of 2 groups have scored');
    expect(screen.queryByText(/of 5/)).not.toBeInTheDocument();
    for (const p of PEOPLE) expect(screen.queryByText(new RegExp(p.name))).not.toBeInTheDocument();
  });

  it('says groups are about to be formed before there are any', () => {
    const view = rolePlay.screenView(rolePlay.init(rolePlay.defaultConfig(), 's'), CTX);
    render(<RolePlayScreen view={view} participantCount={6} />);

    expect(screen.getByText('Groups of three are about to be formed')).toBeVisible();
  });

  it('shows the mean per step as large bars with the spread and the weakest step once revealed', () => {
    render(
      <RolePlayScreen
        view={rolePlay.screenView(scored, { ...CTX, isRevealed: true })}
        participantCount={6}
      />,
    );

    const chart = screen.getByRole('list', { name: 'Mean score per step' });
    expect(chart).toHaveClass('bar-chart--large');
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Communicate4.5 of 52 scores: 1 gave 4, 1 gave 5',
      'Empathise2.5 of 52 scores: 1 gave 2, 1 gave 3',
      'Clarify4.5 of 52 scores: 1 gave 4, 1 gave 5',
      'Correct3.5 of 52 scores: 1 gave 3, 1 gave 4',
    ]);
    expect(screen.getByText(/groups scored/)).toHaveTextContent(
      '2 groups scored · weakest step: Empathise (2.5 of 5)',
    );
  });
});
