/**
 * The quiz's components as people use them: the phone answers with one tap (or several and
 * send), sees only its own result and place; the room screen counts down, shows the
 * distribution and the right answers, the leaderboard with rank changes and the podium; the
 * console offers the next step; the editor loads a built-in quiz and keeps numbers in bounds.
 */
import { useState } from 'react';
import { act as reactAct, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  QuizConfig,
  QuizFacilitatorView,
  QuizOwnView,
  QuizPublicView,
  QuizScreenView,
} from '@playfield/shared/exercises/quiz/index';
import { quizPresets } from '@playfield/shared/exercises/quiz/presets';
import { QuizParticipant } from '../../client/src/exercises/quiz/Participant.tsx';
import QuizScreen from '../../client/src/exercises/quiz/Screen.tsx';
import QuizFacilitator from '../../client/src/exercises/quiz/Facilitator.tsx';
import QuizConfigEditor from '../../client/src/exercises/quiz/ConfigEditor.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const QUESTION = {
  index: 0,
  text: 'Who defines quality?',
  options: ['The inspector', 'The customer', 'The regulator'],
  isMultiple: false,
  points: 1000,
};
const MULTI = {
  index: 1,
  text: 'Which are sins of service?',
  options: ['Apathy', 'Late delivery', 'Runaround'],
  isMultiple: true,
  points: 500,
};
const clock = () => ({ endsAt: Date.now() + 20_000, durationMs: 20_000 });

function publicView(overrides: Partial<QuizPublicView> = {}): QuizPublicView {
  return {
    phase: 'question',
    current: 0,
    questionCount: 2,
    question: QUESTION,
    clock: clock(),
    correct: null,
    rankedCount: 0,
    ...overrides,
  };
}
const noOwn: QuizOwnView = { answer: null, result: null, total: 0, rank: null, previousRank: null };

function phone(view: QuizPublicView, own: QuizOwnView | null = noOwn) {
  const act = vi.fn<Act<'quiz'>>(() => Promise.resolve(accepted));
  render(<QuizParticipant view={view} own={own} isOpen act={act} />);
  return { act, user: userEvent.setup() };
}

describe('QuizParticipant', () => {
  it('sends a single answer with one tap on a big, lettered option', async () => {
    const { act, user } = phone(publicView());
    expect(screen.getByRole('heading', { name: 'Who defines quality?' })).toBeVisible();
    expect(screen.getByRole('timer')).toHaveTextContent(/^(20|19) s left$/);
    const options = within(screen.getByRole('group')).getAllByRole('button');
    expect(options.map((o) => o.textContent)).toEqual([
      '▲ AThe inspector',
      '◆ BThe customer',
      '● CThe regulator',
    ]);
    await user.click(screen.getByRole('button', { name: /The customer/ }));
    expect(act).toHaveBeenCalledWith({ type: 'answer', question: 0, choices: [1] });
  });

  it('lets several options be chosen, then sends them together', async () => {
    const { act, user } = phone(publicView({ current: 1, question: MULTI }));
    const send = screen.getByRole('button', { name: /Send/ });
    expect(send).toBeDisabled();
    await user.click(screen.getByRole('button', { name: /Runaround/ }));
    await user.click(screen.getByRole('button', { name: /Apathy/ }));
    expect(screen.getByRole('button', { name: /Apathy/ })).toHaveAttribute('aria-pressed', 'true');
    expect(act).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Send 2 answers' }));
    expect(act).toHaveBeenCalledWith({ type: 'answer', question: 1, choices: [0, 2] });
  });

  it('shows the server’s refusal and greys the options out when the time is up', async () => {
    const act = vi.fn<Act<'quiz'>>(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'ROUND_LOCKED', message: 'Time is up: answers are closed' },
      }),
    );
    const user = userEvent.setup();
    const { rerender } = render(
      <QuizParticipant view={publicView()} own={noOwn} isOpen act={act} />,
    );
    await user.click(screen.getByRole('button', { name: /The inspector/ }));
    expect(await screen.findByText('Time is up: answers are closed')).toBeVisible();
    rerender(
      <QuizParticipant
        view={publicView({ clock: { endsAt: Date.now() - 1, durationMs: 20_000 } })}
        own={noOwn}
        isOpen
        act={act}
      />,
    );
    expect(screen.getByRole('timer')).toHaveTextContent('Time’s up');
    for (const button of within(screen.getByRole('group')).getAllByRole('button'))
      expect(button).toBeDisabled();
  });

  it('after answering shows only its own choice, then its result and place after the reveal', () => {
    const own = { ...noOwn, answer: { choices: [1] } };
    const { rerender } = render(
      <QuizParticipant view={publicView()} own={own} isOpen act={vi.fn()} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Answer sent. Wait for the reveal…');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    rerender(
      <QuizParticipant
        view={publicView({ phase: 'revealed', clock: null, correct: [1], rankedCount: 12 })}
        own={{ ...own, result: { isCorrect: true, points: 850 }, total: 1850, rank: 3 }}
        isOpen
        act={vi.fn()}
      />,
    );
    expect(screen.getByText('Right! +850')).toBeVisible();
    expect(screen.getByText(/You have/)).toHaveTextContent('You have 1,850 points: 3rd of 12.');
    const items = within(screen.getByRole('list', { name: 'The options' })).getAllByRole(
      'listitem',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('The customer');
    expect(items[0]).toHaveTextContent('your answer, right answer');
  });

  it('says a wrong answer scored nothing and marks the right one', () => {
    render(
      <QuizParticipant
        view={publicView({ phase: 'revealed', clock: null, correct: [1], rankedCount: 3 })}
        own={{
          answer: { choices: [0] },
          result: { isCorrect: false, points: 0 },
          total: 0,
          rank: 2,
          previousRank: null,
        }}
        isOpen
        act={vi.fn()}
      />,
    );
    expect(screen.getByText('Not this time: +0')).toBeVisible();
    const items = within(screen.getByRole('list', { name: 'The options' })).getAllByRole(
      'listitem',
    );
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('your answer'),
      expect.stringContaining('right answer'),
    ]);
  });

  it('tells its final place at the end', () => {
    render(
      <QuizParticipant
        view={publicView({ phase: 'final', clock: null, correct: [1], rankedCount: 12 })}
        own={{ answer: null, result: null, total: 2450, rank: 1, previousRank: 2 }}
        isOpen
        act={vi.fn()}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'You finished 1st of 12 with 2,450 points.',
    );
  });
});

function screenView(overrides: Partial<QuizScreenView> = {}): QuizScreenView {
  return {
    phase: 'question',
    current: 0,
    questionCount: 2,
    question: QUESTION,
    clock: clock(),
    answered: 4,
    distribution: null,
    correct: null,
    leaderboard: null,
    ...overrides,
  };
}

describe('QuizScreen', () => {
  it('counts down the question and how many answered, without counts per option', () => {
    render(<QuizScreen view={screenView()} participantCount={9} />);
    expect(screen.getByRole('heading', { name: 'Who defines quality?' })).toBeVisible();
    expect(screen.getByRole('timer')).toHaveTextContent(/^(20|19)$/);
    expect(screen.getByText(/answered/)).toHaveTextContent('4 of 9 answered');
    const options = within(screen.getByRole('list', { name: 'Options' })).getAllByRole('listitem');
    expect(options[1]).toHaveTextContent('◆ BOption B: The customer');
    expect(screen.queryByText(/answers?$/)).not.toBeInTheDocument();
  });

  it('ticks the countdown down by the server clock', () => {
    vi.useFakeTimers();
    const now = Date.now();
    render(
      <QuizScreen
        view={screenView({ clock: { endsAt: now + 10_000, durationMs: 10_000 } })}
        participantCount={9}
      />,
    );
    expect(screen.getByRole('timer')).toHaveTextContent('10');
    reactAct(() => void vi.advanceTimersByTime(3_000));
    expect(screen.getByRole('timer')).toHaveTextContent('7');
  });

  it('shows the distribution after the lock, then marks the right answer and the share right', () => {
    const distribution = { counts: [1, 5, 2], answered: 8, right: 5 };
    const { rerender } = render(
      <QuizScreen
        view={screenView({ phase: 'locked', clock: null, distribution })}
        participantCount={9}
      />,
    );
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(screen.getByText(/Time’s up/)).toHaveTextContent('Time’s up! 8 answered');
    expect(screen.queryByText('✓ Right')).not.toBeInTheDocument();
    rerender(
      <QuizScreen
        view={screenView({ phase: 'revealed', clock: null, distribution, correct: [1] })}
        participantCount={9}
      />,
    );
    const options = within(screen.getByRole('list', { name: 'Options' })).getAllByRole('listitem');
    expect(options[1]).toHaveTextContent('✓ Right');
    expect(options[1]).toHaveTextContent('5 answers');
    expect(options[0]).not.toHaveTextContent('Right');
    expect(screen.getByText(/right \(/)).toHaveTextContent('5 of 8 right (63%)');
  });

  it('shows the leaderboard with rank changes in symbols and words', () => {
    render(
      <QuizScreen
        view={screenView({
          phase: 'leaderboard',
          clock: null,
          leaderboard: [
            { rank: 1, previousRank: 3, name: 'Ana', points: 1850 },
            { rank: 2, previousRank: 1, name: 'Ben', points: 1700 },
            { rank: 2, previousRank: 2, name: 'Cai', points: 1700 },
            { rank: 4, previousRank: null, name: 'Dee', points: 500 },
          ],
        })}
        participantCount={9}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Leaderboard after question 1' })).toBeVisible();
    const rows = within(screen.getByRole('list', { name: 'Leaderboard' })).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      '1stAna1,850▲2up 2',
      '2ndBen1,700▼1down 1',
      '2ndCai1,700=same place',
      '4thDee500newnew on the board',
    ]);
  });

  it('puts the top three on a podium at the end, without names when anonymous', () => {
    render(
      <QuizScreen
        view={screenView({
          phase: 'final',
          clock: null,
          leaderboard: [
            { rank: 1, previousRank: 1, name: null, points: 3000 },
            { rank: 2, previousRank: 2, name: null, points: 2000 },
            { rank: 3, previousRank: 3, name: null, points: 1000 },
            { rank: 4, previousRank: 4, name: null, points: 10 },
          ],
        })}
        participantCount={9}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Final leaderboard' })).toBeVisible();
    const podium = within(screen.getByRole('list', { name: 'Podium' })).getAllByRole('listitem');
    expect(podium.map((p) => p.textContent)).toEqual([
      '1st place3,0001st',
      '2nd place2,0002nd',
      '3rd place1,0003rd',
    ]);
    expect(
      within(screen.getByRole('list', { name: 'Leaderboard' })).getByRole('listitem'),
    ).toHaveTextContent('4thAnonymous10');
  });
});

function consoleView(overrides: Partial<QuizFacilitatorView> = {}): QuizFacilitatorView {
  return {
    phase: 'ready',
    current: -1,
    questionCount: 2,
    isSpeedBonus: true,
    isAnonymous: false,
    leaderboardSize: 5,
    question: null,
    clock: null,
    distribution: null,
    playerCount: 0,
    leaderboard: [],
    asked: [],
    ...overrides,
  };
}

describe('QuizFacilitator', () => {
  it('offers one next step at a time and sends it', async () => {
    const act = vi.fn<Act<'quiz'>>(() => Promise.resolve(accepted));
    const user = userEvent.setup();
    const { rerender } = render(
      <QuizFacilitator view={consoleView()} participantCount={3} act={act} />,
    );
    await user.click(screen.getByRole('button', { name: 'Show question 1' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'show', question: 0 });

    const question = { ...QUESTION, correct: [1], timeLimitSeconds: 20 };
    const distribution = { counts: [1, 2, 0], answered: 3, right: 2 };
    rerender(
      <QuizFacilitator
        view={consoleView({
          phase: 'question',
          current: 0,
          question,
          clock: clock(),
          distribution,
        })}
        participantCount={3}
        act={act}
      />,
    );
    expect(screen.getByText(/Answering/)).toBeVisible();
    const options = within(
      screen.getByRole('region', { name: 'Who defines quality?' }),
    ).getAllByRole('listitem');
    expect(options[1]).toHaveTextContent('✓ right');
    expect(options[1]).toHaveTextContent('2 answers');
    await user.click(screen.getByRole('button', { name: 'Stop answers now' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'lock', question: 0 });

    rerender(
      <QuizFacilitator
        view={consoleView({
          phase: 'revealed',
          current: 1,
          question: { ...MULTI, correct: [0, 2], timeLimitSeconds: 30 },
          distribution,
          leaderboard: [{ rank: 1, previousRank: null, name: 'Ana', points: 1000 }],
          asked: [
            { text: 'Who defines quality?', answered: 3, right: 2 },
            { text: 'Which are sins of service?', answered: 3, right: 1 },
          ],
        })}
        participantCount={3}
        act={act}
      />,
    );
    expect(screen.getByRole('button', { name: 'Show the leaderboard' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Final leaderboard and podium' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'finish' });
    expect(screen.getByRole('table')).toHaveTextContent('1stAna1,000new on the board');
    expect(screen.getByText('Which are sins of service?', { selector: 'li' })).toHaveTextContent(
      '3 answered, 33% right',
    );
  });

  it('shows a refused step', async () => {
    const act = vi.fn<Act<'quiz'>>(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'CONFLICT', message: 'That question is not open' },
      }),
    );
    render(<QuizFacilitator view={consoleView()} participantCount={3} act={act} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show question 1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That question is not open');
  });
});

describe('QuizConfigEditor', () => {
  /** The editor with its config held in state, as the agenda page holds it. */
  function editor(initial: QuizConfig) {
    const onChange = vi.fn<(config: QuizConfig) => void>();
    function Holder() {
      const [config, setConfig] = useState(initial);
      return (
        <QuizConfigEditor
          config={config}
          onChange={(next) => {
            onChange(next);
            setConfig(next);
          }}
          idPrefix="q"
        />
      );
    }
    render(<Holder />);
    return { onChange, user: userEvent.setup() };
  }
  const base = quizPresets.productOrService.config;

  it('loads a built-in quiz as a copy', async () => {
    const { onChange, user } = editor(base);
    await user.selectOptions(screen.getByLabelText('Start from a built-in quiz'), 'sevenSins');
    const loaded = onChange.mock.calls[0]?.[0];
    expect(loaded).toEqual(quizPresets.sevenSins.config);
    expect(loaded).not.toBe(quizPresets.sevenSins.config);
  });

  it('marks right answers, keeps the time limit in bounds and switches the leaderboard size', async () => {
    const { onChange, user } = editor(base);
    await user.click(screen.getByLabelText('Option A of question 1 is right'));
    expect(onChange.mock.calls.at(-1)?.[0].questions[0]?.correct).toEqual([0, 1]);
    const seconds = screen.getAllByLabelText('Seconds to answer')[0] as HTMLInputElement;
    await user.clear(seconds);
    await user.type(seconds, '3');
    expect(onChange.mock.calls.at(-1)?.[0].questions[0]?.timeLimitSeconds).toBe(3);
    await user.type(seconds, '0');
    expect(onChange.mock.calls.at(-1)?.[0].questions[0]?.timeLimitSeconds).toBe(30);
    await user.type(seconds, '0');
    expect(onChange.mock.calls.at(-1)?.[0].questions[0]?.timeLimitSeconds).toBe(120);
    await user.clear(seconds);
    await user.type(seconds, '2');
    await user.tab();
    expect(onChange.mock.calls.at(-1)?.[0].questions[0]?.timeLimitSeconds).toBe(5);
    await user.selectOptions(screen.getByLabelText('Leaderboard shows'), '10');
    expect(onChange.mock.calls.at(-1)?.[0].leaderboardSize).toBe(10);
    // Two options is the least: removing needs a third first; the marks follow the options.
    const removeB = screen.getByRole('button', { name: 'Remove option B of question 1' });
    expect(removeB).toBeDisabled();
    await user.click(screen.getAllByRole('button', { name: 'Add an option' })[0] as HTMLElement);
    await user.type(screen.getByLabelText('Option C of question 1'), 'Both');
    await user.click(removeB);
    expect(onChange.mock.calls.at(-1)?.[0].questions[0]).toMatchObject({
      options: ['Product performance', 'Both'],
      correct: [0],
    });
  });
});
