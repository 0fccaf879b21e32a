/** Error boundaries: a route or an exercise view that throws shows a calm message, never a blank page. */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../client/src/App.tsx';
import { ErrorBoundary, PROBLEM_MESSAGE } from '../../client/src/components/ErrorBoundary.tsx';
import { RoundEditor } from '../../client/src/components/RoundEditor.tsx';
import { connect } from '../../client/src/realtime/connection.ts';
import { Participant } from '../../client/src/routes/Participant.tsx';
import Screen from '../../client/src/routes/Screen.tsx';
import Console from '../../client/src/routes/Console.tsx';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import {
  header,
  message,
  publicPoll,
  publicView,
  screenPoll,
  facilitatorPoll,
} from './fixtures.ts';

vi.mock('../../client/src/realtime/connection.ts', () => ({ connect: vi.fn() }));

// Every exercise component and the home page throw, as a bug or malformed view would.
function Boom(): never {
  throw new Error('boom');
}
vi.mock('../../client/src/exercises/registry.ts', () => {
  const ui = { Participant: Boom, Facilitator: Boom, Screen: Boom, ConfigEditor: Boom };
  return { EXERCISE_UI: new Proxy({}, { get: () => ui }) };
});
vi.mock('../../client/src/routes/Home.tsx', () => ({ Home: Boom }));

const store = () => useSessionStore.getState();

beforeEach(() => {
  store().reset();
  vi.mocked(connect).mockReturnValue({
    control: vi.fn(),
    act: vi.fn(),
    answerPrompt: vi.fn(),
    leave: vi.fn(),
    close: vi.fn(),
  });
  // React and the boundary both log the error; keep the output quiet and check it.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function expectProblem() {
  expect(screen.getByRole('alert')).toHaveTextContent(PROBLEM_MESSAGE);
  expect(screen.getByRole('button', { name: 'Reload' })).toBeVisible();
}

describe('ErrorBoundary', () => {
  it('shows a calm message and logs the error when a child throws', () => {
    render(
      <main>
        <p>Still here</p>
        <ErrorBoundary label="test part">
          <Boom />
        </ErrorBoundary>
      </main>,
    );

    expectProblem();
    expect(screen.getByText('Still here')).toBeVisible();
    expect(console.error).toHaveBeenCalledWith(
      '[playfield] test part failed',
      expect.objectContaining({ message: 'boom' }),
      expect.any(String),
    );
  });

  it('renders the part again when Reload is pressed', async () => {
    let shouldThrow = true;
    function Flaky() {
      if (shouldThrow) throw new Error('once');
      return <p>Recovered</p>;
    }
    render(
      <ErrorBoundary label="flaky">
        <Flaky />
      </ErrorBoundary>,
    );
    expectProblem();

    shouldThrow = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reload' }));

    expect(screen.getByText('Recovered')).toBeVisible();
  });
});

describe('route boundary', () => {
  it('shows the message instead of a blank page when a route throws', () => {
    window.history.pushState({}, '', '/');
    render(<App />);
    expectProblem();
  });
});

describe('exercise boundaries', () => {
  it('keeps the phone’s header and footer when the Participant view throws', () => {
    render(
      <Participant
        code="ABC234"
        seat={{ sessionId: 's1', participantId: 'p1', name: 'Sam', resumeToken: 'r1' }}
        onLeft={vi.fn()}
      />,
    );
    act(() =>
      store().receive('publicView', message(publicView({ phase: 'live', poll: publicPoll() }), 2)),
    );

    expectProblem();
    expect(screen.getByRole('heading', { name: 'First contact' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Leave session' })).toBeVisible();
  });

  it('keeps the room screen’s header when the Screen view throws', () => {
    window.history.pushState({}, '', '/screen/s1#key=k1234567890123456');
    render(<Screen sessionId="s1" />);
    act(() =>
      store().receive(
        'screen',
        message(
          {
            session: header({ phase: 'live' }),
            roster: [],
            participantCount: 0,
            onlineCount: 0,
            timer: null,
            round: {
              kind: 'poll',
              view: screenPoll(),
              id: 'round_1',
              title: 'First contact',
              index: 0,
              count: 1,
              isOpen: true,
              isRevealed: false,
              actionPlanPrompt: 'What will I do?',
              controls: [],
              submitted: 0,
            },
          },
          2,
        ),
      ),
    );

    expectProblem();
  });

  it('keeps the console’s controls when the Facilitator view throws', () => {
    window.history.pushState({}, '', '/console/s1#key=k1234567890123456');
    render(<Console sessionId="s1" />);
    act(() =>
      store().receive(
        'facilitator',
        message(
          {
            session: header({ phase: 'live' }),
            isLocked: false,
            prompt: null,
            agenda: [],
            roster: [],
            timer: null,
            round: {
              kind: 'poll',
              view: facilitatorPoll(),
              id: 'round_1',
              title: 'First contact',
              index: 0,
              count: 1,
              isOpen: true,
              isRevealed: false,
              actionPlanPrompt: 'What will I do?',
              controls: ['open'],
              submitted: 0,
            },
          },
          2,
        ),
      ),
    );

    expect(screen.getAllByRole('alert')[0]).toHaveTextContent(PROBLEM_MESSAGE);
    expect(screen.getByRole('button', { name: 'Lock answers' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Lock room' })).toBeVisible();
  });

  it('keeps the round’s title field when the ConfigEditor throws', () => {
    render(
      <RoundEditor
        round={{ kind: 'poll', title: 'Q', config: {} } as never}
        idPrefix="t"
        onChange={vi.fn()}
      />,
    );

    expectProblem();
    expect(screen.getByLabelText('Round title')).toHaveValue('Q');
  });
});
