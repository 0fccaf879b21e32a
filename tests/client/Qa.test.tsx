import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type {
  Accepted,
  ControlCommand,
  QaActPayload,
  QaConsoleItemView,
  QaFacilitatorView,
  QaItemView,
  QaPublicView,
  QaScreenView,
  Result,
} from '@playfield/shared';
import QaPanel from '../../client/src/qa/QaPanel.tsx';
import QaPhone from '../../client/src/qa/QaPhone.tsx';
import { isQaOnStage, isQaStripShown, QaStage, QaStrip } from '../../client/src/qa/QaScreen.tsx';
import { QaTabs } from '../../client/src/qa/QaTabs.tsx';
import { accepted } from './fixtures.ts';

const SETTINGS = { isOpen: true, allowAnonymous: true, isModerated: false };

function item(id: string, text: string, overrides: Partial<QaItemView> = {}): QaItemView {
  return { id, text, author: null, votes: 0, isPinned: false, isAnswered: false, ...overrides };
}

function publicView(overrides: Partial<QaPublicView> = {}): QaPublicView {
  const top = [
    item('q1', 'Why do we script every call?', { votes: 3 }),
    item('q2', 'When does the refund policy change?', {
      author: 'Ana',
      votes: 1,
      isAnswered: true,
    }),
  ];
  return { settings: SETTINGS, top, total: 2, answered: 1, ...overrides };
}

function setupPhone(props: Partial<Parameters<typeof QaPhone>[0]> = {}) {
  const send = vi.fn<(p: QaActPayload) => Promise<Result<Accepted>>>(() =>
    Promise.resolve(accepted),
  );
  render(<QaPhone view={publicView()} own={undefined} send={send} {...props} />);
  return { send, user: userEvent.setup() };
}

describe('QaPhone', () => {
  it('asks anonymously when the participant ticks the box, and clears the draft', async () => {
    const { send, user } = setupPhone();
    const box = screen.getByRole('textbox', { name: 'Your question' });
    await user.click(box);
    await user.paste('Can we see the survey results?');
    expect(screen.getByText('30 of 300 characters')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /Ask anonymously/ }));
    await user.click(screen.getByRole('button', { name: 'Send question' }));
    expect(send).toHaveBeenCalledExactlyOnceWith({
      type: 'qa.ask',
      text: 'Can we see the survey results?',
      isAnonymous: true,
    });
    expect(box).toHaveValue('');
    expect(screen.getByRole('status')).toHaveTextContent('your question is on the list');
  });

  it('offers no anonymity when the session wants names, and says the list is closed', () => {
    const { unmount } = render(
      <QaPhone
        view={publicView({ settings: { ...SETTINGS, allowAnonymous: false } })}
        own={undefined}
        send={vi.fn()}
      />,
    );
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByText('Questions carry your name in this session.')).toBeInTheDocument();
    unmount();
    render(
      <QaPhone
        view={publicView({ settings: { ...SETTINGS, isOpen: false } })}
        own={undefined}
        send={vi.fn()}
      />,
    );
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText(/Questions are closed for now/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Vote for/ })[0]).toBeDisabled();
  });

  it('votes and withdraws with a pressed button, and shows its own and pending questions', async () => {
    const { send, user } = setupPhone({
      own: {
        votedIds: ['q1'],
        mineIds: ['q2'],
        pending: [{ id: 'q3', text: 'Who sets the targets?', isAnonymous: true }],
      },
    });
    const items = screen.getAllByRole('listitem');
    expect(within(items[0] as HTMLElement).getByText('Waiting for approval')).toBeInTheDocument();
    const withdraw = screen.getByRole('button', {
      name: 'Withdraw your vote for: Why do we script every call? (3 votes)',
    });
    expect(withdraw).toHaveAttribute('aria-pressed', 'true');
    await user.click(withdraw);
    expect(send).toHaveBeenLastCalledWith({ type: 'qa.vote', questionId: 'q1', isVoting: false });
    // Your own question has no vote button; answered is said in words.
    const mine = items[2] as HTMLElement;
    expect(within(mine).queryByRole('button')).toBeNull();
    expect(within(mine).getByText('Yours')).toBeInTheDocument();
    expect(within(mine).getByText('✓ Answered')).toBeInTheDocument();
    expect(within(mine).getByText('Ana')).toBeInTheDocument();
    expect(within(items[1] as HTMLElement).getByText('Anonymous')).toBeInTheDocument();
  });

  it('shows the server’s refusal, e.g. a rate limit', async () => {
    const send = vi.fn(() =>
      Promise.resolve<Result<Accepted>>({
        ok: false,
        error: {
          code: 'RATE_LIMITED',
          message: 'You have asked a lot in a short time: wait a minute',
        },
      }),
    );
    const user = userEvent.setup();
    render(<QaPhone view={publicView()} own={undefined} send={send} />);
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), 'Again?');
    await user.click(screen.getByRole('button', { name: 'Send question' }));
    expect(screen.getByRole('alert')).toHaveTextContent('wait a minute');
    expect(screen.getByRole('textbox', { name: 'Your question' })).toHaveValue('Again?');
  });
});

describe('QaTabs', () => {
  it('switches between the round and the questions with pressed buttons', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<QaTabs isQuestions={false} onChange={onChange} count={4} />);
    expect(screen.getByRole('button', { name: 'Round' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Questions (4)' }));
    expect(onChange).toHaveBeenCalledWith(true);
  });
});

function consoleItem(
  id: string,
  n: number,
  overrides: Partial<QaConsoleItemView> = {},
): QaConsoleItemView {
  return {
    ...item(id, `Question ${n}`),
    n,
    askedAt: 0,
    isAnonymous: true,
    isApproved: true,
    isHidden: false,
    mergedInto: null,
    ...overrides,
  };
}

describe('QaPanel', () => {
  const qa: QaFacilitatorView = {
    settings: { ...SETTINGS, isModerated: true },
    highlightId: 'q2',
    isFullScreen: false,
    pending: 1,
    questions: [
      consoleItem('q1', 1, { votes: 2 }),
      consoleItem('q2', 2, { author: 'Ana', isAnonymous: false, votes: 5 }),
      consoleItem('q3', 3, { isApproved: false }),
      consoleItem('q4', 4, { mergedInto: 'q2' }),
    ],
  };

  function setupPanel() {
    const control = vi.fn<(c: ControlCommand) => Promise<boolean>>(() => Promise.resolve(true));
    render(<QaPanel qa={qa} control={control} />);
    return { control, user: userEvent.setup() };
  }

  it('lists waiting questions first, then the ranking, and never names an anonymous author', () => {
    setupPanel();
    const rows = screen.getAllByRole('listitem');
    expect(rows.map((r) => within(r).getByText(/^Question \d$/).textContent)).toEqual([
      'Question 3',
      'Question 2',
      'Question 1',
      'Question 4',
    ]);
    expect(within(rows[0] as HTMLElement).getByText('Waiting for approval')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('Ana')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('On screen')).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText('Anonymous')).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText('Merged into #2')).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).queryByRole('button')).toBeNull();
  });

  it('sends each moderation as a command', async () => {
    const { control, user } = setupPanel();
    const [pending, top, second] = screen.getAllByRole('listitem') as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    await user.click(within(pending).getByRole('button', { name: 'Approve' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.approve', questionId: 'q3' });
    await user.click(within(top).getByRole('button', { name: 'Off the screen' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.highlight', questionId: null });
    await user.click(within(second).getByRole('button', { name: 'Show on screen' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.highlight', questionId: 'q1' });
    await user.click(within(second).getByRole('button', { name: 'Pin' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.pin', questionId: 'q1', isPinned: true });
    await user.click(within(second).getByRole('button', { name: 'Mark answered' }));
    expect(control).toHaveBeenLastCalledWith({
      type: 'qa.answer',
      questionId: 'q1',
      isAnswered: true,
    });
    await user.click(within(second).getByRole('button', { name: 'Hide' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.hide', questionId: 'q1', isHidden: true });
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Merge into' }), 'q2');
    await user.click(within(second).getByRole('button', { name: 'Merge' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.merge', questionId: 'q1', intoId: 'q2' });
    await user.click(screen.getByRole('checkbox', { name: 'Approve questions before they show' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.settings', isModerated: false });
    await user.click(screen.getByRole('checkbox', { name: /Room screen shows the questions/ }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.display', isFullScreen: true });
    await user.click(screen.getByRole('button', { name: 'Clear the screen' }));
    expect(control).toHaveBeenLastCalledWith({ type: 'qa.highlight', questionId: null });
  });
});

describe('QaScreen', () => {
  const screenView = (overrides: Partial<QaScreenView> = {}): QaScreenView => ({
    isOpen: true,
    isFullScreen: false,
    highlighted: null,
    top: [
      item('q1', 'First', { votes: 4 }),
      item('q2', 'Second'),
      item('q3', 'Third'),
      item('q4', 'Fourth'),
    ],
    total: 9,
    ...overrides,
  });

  it('shows a strip of the top three under the round, unless the Q&A takes the stage', () => {
    expect(isQaStripShown(screenView())).toBe(true);
    expect(isQaOnStage(screenView())).toBe(false);
    expect(isQaStripShown(screenView({ isOpen: false }))).toBe(false);
    expect(isQaOnStage(screenView({ highlighted: item('q1', 'First') }))).toBe(true);
    expect(isQaOnStage(screenView({ isFullScreen: true }))).toBe(true);
    render(<QaStrip qa={screenView()} />);
    const strip = screen.getByRole('complementary', { name: 'Top questions' });
    expect(
      within(strip)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['▲ 4First', '▲ 0Second', '▲ 0Third']);
  });

  it('shows the highlighted question large, with its votes and no author when anonymous', () => {
    render(
      <QaStage
        qa={screenView({ highlighted: item('q1', 'First', { votes: 4, isAnswered: true }) })}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Question from the room' })).toBeInTheDocument();
    expect(screen.getByText('First')).toBeInTheDocument();
    expect(screen.getByText('Anonymous')).toBeInTheDocument();
    expect(screen.getByText('▲ 4 votes')).toBeInTheDocument();
    expect(screen.getByText('✓ Answered')).toBeInTheDocument();
  });

  it('shows the top questions full-screen with how many more there are', () => {
    render(<QaStage qa={screenView({ isFullScreen: true })} />);
    expect(
      screen.getByRole('heading', { name: 'Top questions from the room' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
    expect(screen.getByText('and 5 more on your phones')).toBeInTheDocument();
  });
});
