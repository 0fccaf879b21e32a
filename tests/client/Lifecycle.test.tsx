import { render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_WORKSHOPS } from '@playfield/shared';
import { agendaFileOf } from '@playfield/shared/lifecycle/agendaFile';
import { AgendaFileImport } from '../../client/src/lifecycle/AgendaFileImport.tsx';
import { DeleteMyData, ErasedSummary } from '../../client/src/lifecycle/DeleteMyData.tsx';
import { DeleteSessionButton } from '../../client/src/lifecycle/DeleteSessionButton.tsx';
import { getFacilitated, rememberFacilitated } from '../../client/src/storage.ts';
import { json } from './fixtures.ts';

interface Call {
  method: string;
  path: string;
  authorization: string | null;
}

function stubFetch(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
      const call = {
        method: init.method ?? 'GET',
        path: typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url,
        authorization: new Headers(init.headers).get('authorization'),
      };
      calls.push(call);
      return Promise.resolve(answer(call));
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('deleting a session from the console or “Your sessions”', () => {
  it('names the session and what goes, and deletes only once confirmed', async () => {
    const user = userEvent.setup();
    rememberFacilitated({ sessionId: 'sess-1', token: 'key-1' });
    const calls = stubFetch(() => json({ deleted: true, rows: { events: 12 } }));
    const onDeleted = vi.fn();
    render(
      <DeleteSessionButton
        sessionId="sess-1"
        token="key-1"
        title="Listening day"
        onDeleted={onDeleted}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Delete the session “Listening day”' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Listening day”?' });
    for (const what of [
      /its events/,
      /snapshots/,
      /participants’ tokens/,
      /plans and the notebook/,
      /images/,
    ])
      expect(within(dialog).getByText(what)).toBeInTheDocument();
    // The safe choice has the focus; Escape cancels and nothing is sent.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: /Delete the session/ }));
    await user.click(screen.getByRole('button', { name: 'Delete for good' }));
    expect(onDeleted).toHaveBeenCalledOnce();
    expect(calls).toEqual([
      { method: 'DELETE', path: '/api/sessions/sess-1', authorization: 'Bearer key-1' },
    ]);
    expect(getFacilitated()).toEqual([]);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('keeps the dialog open with the server’s reason when the deletion fails', async () => {
    const user = userEvent.setup();
    stubFetch(() =>
      json({ error: { code: 'UNAVAILABLE', message: 'The session could not be deleted' } }, 503),
    );
    const onDeleted = vi.fn();
    render(<DeleteSessionButton sessionId="s" token="k" title="Day" onDeleted={onDeleted} />);
    await user.click(screen.getByRole('button', { name: /Delete the session/ }));
    await user.click(screen.getByRole('button', { name: 'Delete for good' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The session could not be deleted');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    expect(onDeleted).not.toHaveBeenCalled();
  });
});

describe('a participant’s “Delete my data”', () => {
  it('says what goes, erases with their own token, then shows what was deleted', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(() => json({ plan: true, name: true, events: 4, resumeToken: true }));
    const onDeleted = vi.fn();
    render(<DeleteMyData resumeToken="resume-ana" name="Ana Lopez" onDeleted={onDeleted} />);
    await user.click(screen.getByRole('button', { name: 'Delete my data' }));
    const dialog = screen.getByRole('alertdialog', {
      name: 'Delete your data from this session?',
    });
    expect(within(dialog).getByText(/your name “Ana Lopez”/)).toBeInTheDocument();
    expect(within(dialog).getByText(/your action plan/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete my data' }));
    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/api/participant/delete-my-data',
        authorization: 'Bearer resume-ana',
      },
    ]);
    const erased = onDeleted.mock.calls[0]?.[0] as Parameters<typeof ErasedSummary>[0]['erased'];
    expect(erased).toMatchObject({ plan: true, events: 4 });

    render(<ErasedSummary erased={erased} />);
    expect(screen.getByRole('heading', { name: 'Your data was deleted' })).toBeInTheDocument();
    expect(screen.getByText('Your action plan: deleted.')).toBeInTheDocument();
    expect(screen.getByText(/4 entries rewritten/)).toBeInTheDocument();
  });
});

describe('importing an agenda file on the new-session page', () => {
  const choose = async (contents: string, name = 'day.playfield-agenda.json') => {
    const user = userEvent.setup();
    const onImport = vi.fn();
    render(<AgendaFileImport onImport={onImport} />);
    await user.upload(
      screen.getByLabelText('Import an agenda file (.json)'),
      new File([contents], name, { type: 'application/json' }),
    );
    return onImport;
  };

  it('loads a valid file’s title and rounds', async () => {
    const workshop = BUILT_IN_WORKSHOPS[0]!;
    const file = agendaFileOf(workshop.title, workshop.agenda, '2026-12-05T00:00:00.000Z');
    const onImport = await choose(JSON.stringify(file));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        `Imported “${workshop.title}”: ${workshop.agenda.length} rounds`,
      ),
    );
    expect(onImport).toHaveBeenCalledWith(
      expect.objectContaining({ title: workshop.title, agenda: workshop.agenda }),
    );
  });

  it('refuses a file whose round is wrong, naming the round and the field', async () => {
    const file = {
      format: 'playfield-agenda',
      version: 1,
      title: 'Day',
      rounds: [
        {
          kind: 'poll',
          title: 'Channels',
          config: {
            question: 'Which?',
            options: ['One'],
            isMultipleChoice: false,
            isAnonymous: false,
          },
        },
      ],
    };
    const onImport = await choose(JSON.stringify(file));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Round 1 \(“Channels”\): .*options/);
    expect(onImport).not.toHaveBeenCalled();
  });

  it('refuses what is not JSON', async () => {
    const onImport = await choose('<html>', 'page.json');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“page.json” is not a JSON file: choose a Playfield agenda file',
    );
    expect(onImport).not.toHaveBeenCalled();
  });

  it('offers each built-in workshop’s agenda file', () => {
    render(<AgendaFileImport onImport={vi.fn()} />);
    for (const workshop of BUILT_IN_WORKSHOPS)
      expect(screen.getByRole('link', { name: workshop.title })).toHaveAttribute(
        'href',
        `/api/workshops/${workshop.id}/agenda-file`,
      );
  });
});
