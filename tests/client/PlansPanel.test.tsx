import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgendaItemView, FacilitatorView, PlansOverview } from '@playfield/shared';
import { PLANS_REFRESH_MS, PlansPanel } from '../../client/src/plans/PlansPanel.tsx';
import { PromptControl } from '../../client/src/plans/PromptControl.tsx';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { facilitatorPoll, header, json, message } from './fixtures.ts';

const TOKEN = 'facilitator-token-0001';

function agendaItem(id: string, title: string, hasStarted: boolean): AgendaItemView {
  return {
    id,
    kind: 'poll',
    title,
    config: { question: 'Q', options: ['A', 'B'], isMultipleChoice: false, isAnonymous: false },
    isOpen: true,
    isRevealed: false,
    hasStarted,
    submitted: 0,
  };
}

function facilitatorView(overrides: Partial<FacilitatorView> = {}): FacilitatorView {
  return {
    session: header({ phase: 'live' }),
    isLocked: false,
    prompt: null,
    agenda: [
      agendaItem('r1', 'First contact', true),
      agendaItem('r2', 'Channels', true),
      agendaItem('r3', 'Closing', false),
    ],
    roster: [
      { id: 'p1', name: 'Ana', isOnline: true, hasLeft: false, isRemoved: false },
      { id: 'p2', name: 'Ben', isOnline: true, hasLeft: false, isRemoved: false },
      { id: 'p3', name: 'Cai', isOnline: false, hasLeft: true, isRemoved: false },
    ],
    timer: null,
    round: {
      kind: 'poll',
      view: facilitatorPoll(),
      id: 'r2',
      title: 'Channels',
      index: 1,
      count: 3,
      isOpen: true,
      isRevealed: false,
      actionPlanPrompt: 'What will I do about it?',
      controls: ['open', 'reveal'],
      submitted: 2,
    },
    ...overrides,
  };
}

const OVERVIEW: PlansOverview = {
  participantCount: 3,
  started: 2,
  finished: 1,
  shared: [{ participantId: 'p1', name: 'Ana', actionCount: 3 }],
};

const serve = (view: FacilitatorView, seq = 1) =>
  act(() => useSessionStore.getState().receive('facilitator', message(view, seq)));

function stubDownloads() {
  URL.createObjectURL = vi.fn(() => 'blob:x');
  URL.revokeObjectURL = vi.fn();
  return vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
}

beforeEach(() => {
  useSessionStore.getState().reset();
});

describe('PromptControl', () => {
  it('asks the current round’s question on every phone', async () => {
    const control = vi.fn(() => Promise.resolve(true));
    serve(facilitatorView());
    render(<PromptControl control={control} />);

    await userEvent.click(screen.getByRole('button', { name: 'Ask: what will I do about this?' }));

    expect(control).toHaveBeenCalledExactlyOnceWith({ type: 'prompt.send', roundId: 'r2' });
  });

  it('shows how many answered or skipped the open question, and closes it', async () => {
    const control = vi.fn(() => Promise.resolve(true));
    serve(
      facilitatorView({
        prompt: {
          roundId: 'r1',
          roundTitle: 'First contact',
          question: 'What will I do?',
          responded: 1,
        },
      }),
    );
    render(<PromptControl control={control} />);

    const group = screen.getByRole('group', { name: 'Phones are asked about “First contact”' });
    // Two people are still in the session; Cai left.
    expect(group).toHaveTextContent('1 of 2 answered or skipped');
    await userEvent.click(within(group).getByRole('button', { name: 'Close the question' }));
    expect(control).toHaveBeenCalledExactlyOnceWith({ type: 'prompt.close' });
  });

  it('offers no question in the closing round, which is the plan itself', () => {
    const view = facilitatorView();
    serve({
      ...view,
      round: view.round && {
        ...view.round,
        kind: 'actionPlan',
        view: { intro: '', finishedCount: 0, participantCount: 2, finishedNames: [] },
      },
    });
    render(<PromptControl control={vi.fn()} />);

    expect(screen.queryByRole('button', { name: /Ask/ })).not.toBeInTheDocument();
  });
});

describe('PlansPanel', () => {
  it('shows started, done and shared counts from the API with the facilitator’s token', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(json(OVERVIEW)));
    vi.stubGlobal('fetch', fetchMock);
    serve(facilitatorView());
    render(<PlansPanel sessionId="sess_4f9a" token={TOKEN} />);

    const panel = await screen.findByRole('region', { name: 'Action plans' });
    await within(panel).findByText('Ana');
    expect(within(panel).getByText('Started').nextSibling).toHaveTextContent('2');
    expect(within(panel).getByText('Done').nextSibling).toHaveTextContent('1');
    expect(within(panel).getByText('Shared').nextSibling).toHaveTextContent('1');
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/sessions/sess_4f9a/plans',
      expect.objectContaining({
        headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}` }) as unknown,
      }),
    );
  });

  it('refreshes the counts every few seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetchMock = vi.fn(() => Promise.resolve(json(OVERVIEW)));
    vi.stubGlobal('fetch', fetchMock);
    serve(facilitatorView());
    render(<PlansPanel sessionId="sess_4f9a" token={TOKEN} />);
    await screen.findByText('Ana');
    expect(fetchMock).toHaveBeenCalledTimes(1);

    fetchMock.mockResolvedValue(json({ ...OVERVIEW, finished: 2 }));
    await act(() => vi.advanceTimersByTimeAsync(PLANS_REFRESH_MS));

    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Done').nextSibling).toHaveTextContent('2');
  });

  it('downloads a shared plan, all shared plans, and the chosen round’s exports', async () => {
    const fetchMock = vi.fn((url: string) =>
      Promise.resolve(
        url.endsWith('/plans')
          ? json(OVERVIEW)
          : new Response('x', {
              headers: { 'content-disposition': 'attachment; filename="file.bin"' },
            }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const click = stubDownloads();
    serve(facilitatorView());
    render(<PlansPanel sessionId="sess_4f9a" token={TOKEN} />);
    const user = userEvent.setup();
    await screen.findByText('Ana');

    await user.click(screen.getByRole('button', { name: 'Ana’s plan as PDF' }));
    await user.click(screen.getByRole('button', { name: 'Download all shared plans (ZIP)' }));
    // The current round is chosen; another started round can be.
    expect(screen.getByLabelText('Round')).toHaveValue('r2');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'First contact',
      'Channels',
    ]);
    await user.selectOptions(screen.getByLabelText('Round'), 'r1');
    await user.click(screen.getByRole('button', { name: 'CSV' }));
    await user.click(screen.getByRole('button', { name: 'Markdown' }));

    const paths = fetchMock.mock.calls.map(([url]) => url).filter((u) => !u.endsWith('/plans'));
    expect(paths).toEqual([
      '/api/sessions/sess_4f9a/plans/p1/export/pdf',
      '/api/sessions/sess_4f9a/plans/shared.zip',
      '/api/sessions/sess_4f9a/rounds/r1/export/csv',
      '/api/sessions/sess_4f9a/rounds/r1/export/md',
    ]);
    expect(click).toHaveBeenCalledTimes(4);
    expect(screen.getByRole('status')).toHaveTextContent('Downloaded file.bin');
    click.mockRestore();
  });

  it('says when nothing is shared and keeps the ZIP button off', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(json({ ...OVERVIEW, shared: [] }))),
    );
    serve(facilitatorView());
    render(<PlansPanel sessionId="sess_4f9a" token={TOKEN} />);

    expect(await screen.findByText(/No plan is shared yet/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Download all shared plans (ZIP)' })).toBeDisabled();
  });

  it('shows the server’s refusal', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          json({ error: { code: 'UNAUTHORIZED', message: 'Open this from your own link' } }, 401),
        ),
      ),
    );
    serve(facilitatorView());
    render(<PlansPanel sessionId="sess_4f9a" token={TOKEN} />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Open this from your own link');
  });
});
