import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addPlanAction, parsePlan, setPlanField } from '@playfield/shared/plans/plan';
import type { DocState } from '../../client/src/docs/docConnection.ts';
import { PlanEditor } from '../../client/src/plans/PlanEditor.tsx';
import { planStatusText } from '../../client/src/plans/PlanStatus.tsx';

const SAVED: DocState = { status: 'saved', rights: 'edit', error: null };
const TOKEN = 'resume-token-sam-0001';

/** A plan with two actions that came from rounds, as the server writes answers. */
function planDoc(): Y.Doc {
  const doc = new Y.Doc();
  addPlanAction(doc, {
    id: 'a1',
    text: 'Call back every complaint within a day',
    roundId: 'r1',
    roundTitle: 'First contact',
  });
  addPlanAction(doc, { id: 'a2', text: 'Map our channels', roundId: 'r2', roundTitle: 'Channels' });
  return doc;
}

const plan = (doc: Y.Doc) => {
  const parsed = parsePlan(doc);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
};

function setup(doc = planDoc(), state: DocState = SAVED) {
  const whenSaved = vi.fn(() => Promise.resolve(true));
  const utils = render(
    <PlanEditor doc={doc} state={state} resumeToken={TOKEN} whenSaved={whenSaved} />,
  );
  return { ...utils, doc, whenSaved, user: userEvent.setup() };
}

const card = (n: number) => {
  const item = screen.getAllByRole('listitem').filter((li) => li.dataset.testid === 'plan-action')[
    n
  ];
  if (!item) throw new Error(`No action ${n + 1}`);
  return within(item);
};

describe('PlanEditor', () => {
  it('lists the actions in order with the round each came from', () => {
    setup();

    expect(
      screen.getByRole('heading', { name: /Action 1: Call back every complaint/ }),
    ).toBeVisible();
    expect(card(0).getByText(/From “First contact”/)).toBeVisible();
    expect(card(1).getByRole('heading', { name: /Action 2: Map our channels/ })).toBeVisible();
    expect(card(1).getByText(/1 of 6 filled in/)).toBeVisible();
  });

  it('opens an action to its labelled fields and writes a field when it is left', async () => {
    const { doc, user } = setup();

    await user.click(card(0).getByRole('button', { name: 'Edit' }));
    expect(card(0).getByRole('button', { name: 'Close' })).toHaveAttribute('aria-expanded', 'true');
    const why = card(0).getByLabelText('Why it matters');
    await user.type(why, 'Angry customers leave');

    // Not per keystroke: nothing is written until the field is left or typing pauses.
    expect(plan(doc).actions[0]?.why).toBe('');
    await user.tab();

    expect(plan(doc).actions[0]?.why).toBe('Angry customers leave');
    for (const label of [
      'Action',
      'First step',
      'Due',
      'Who to involve',
      'How I will know it worked',
    ])
      expect(card(0).getByLabelText(label)).toBeInTheDocument();
  });

  it('writes after a pause in typing', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const doc = planDoc();
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    render(<PlanEditor doc={doc} state={SAVED} resumeToken={TOKEN} whenSaved={vi.fn()} />);
    await user.click(card(0).getByRole('button', { name: 'Edit' }));

    await user.type(card(0).getByLabelText('Who to involve'), 'Team lead');
    expect(plan(doc).actions[0]?.involve).toBe('');
    act(() => {
      vi.advanceTimersByTime(450);
    });

    expect(plan(doc).actions[0]?.involve).toBe('Team lead');
  });

  it('saves a valid due date and refuses one outside the calendar with a message', async () => {
    const { doc, user } = setup();
    await user.click(card(0).getByRole('button', { name: 'Edit' }));
    const due = card(0).getByLabelText('Due');
    expect(due).toHaveAttribute('type', 'date');

    fireEvent.change(due, { target: { value: '2030-03-31' } });
    fireEvent.blur(due);
    expect(plan(doc).actions[0]?.due).toBe('2030-03-31');
    // In the reader's own date format, whatever the locale.
    expect(card(0).getByText(/Due .*31.*2030/)).toBeVisible();

    fireEvent.change(due, { target: { value: '2150-01-01' } });
    fireEvent.blur(due);

    expect(card(0).getByRole('alert')).toHaveTextContent(/Not a date in the calendar/);
    expect(due).toHaveAttribute('aria-invalid', 'true');
    expect(plan(doc).actions[0]?.due).toBe('2030-03-31');
    await user.click(card(0).getByRole('button', { name: 'Close' }));
  });

  it('moves an action down and up, keeping the focus on the moved action', async () => {
    const { doc, user } = setup();

    await user.click(card(0).getByRole('button', { name: 'Move action 1 down' }));
    expect(plan(doc).actions.map((a) => a.id)).toEqual(['a2', 'a1']);
    // The moved action is now second: at the bottom, so the focus goes to its "up" button.
    expect(card(1).getByRole('button', { name: 'Move action 2 up' })).toHaveFocus();
    expect(card(0).getByRole('button', { name: 'Move action 1 up' })).toBeDisabled();

    await user.click(card(1).getByRole('button', { name: 'Move action 2 up' }));
    expect(plan(doc).actions.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('deletes an action and brings it back with Undo, fields and place intact', async () => {
    const doc = planDoc();
    setPlanField(doc, 'a1', 'firstStep', 'List last week’s complaints');
    const { user } = setup(doc);

    await user.click(card(0).getByRole('button', { name: 'Delete' }));

    expect(plan(doc).actions.map((a) => a.id)).toEqual(['a2']);
    expect(screen.getByText(/Deleted “Call back every complaint within a day”/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Undo' }));

    expect(plan(doc).actions.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(plan(doc).actions[0]?.firstStep).toBe('List last week’s complaints');
  });

  it('adds an empty action, open with its text field focused', async () => {
    const { doc, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Add an action' }));

    expect(plan(doc).actions).toHaveLength(3);
    expect(card(2).getByLabelText('Action')).toHaveFocus();
    await user.type(card(2).getByLabelText('Action'), 'Thank one colleague a day');
    await user.tab();
    expect(plan(doc).actions[2]).toMatchObject({
      text: 'Thank one colleague a day',
      roundId: null,
    });
  });

  it('shares the plan with the team through a switch that says who will see it', async () => {
    const { doc, user } = setup();
    const share = screen.getByRole('switch', { name: 'Share with the team' });
    expect(share).not.toBeChecked();
    expect(screen.getByText(/Private: only you can see your plan/)).toBeVisible();

    await user.click(share);

    expect(plan(doc).isShared).toBe(true);
    expect(share).toBeChecked();
    expect(screen.getByText(/the facilitator can read and download your plan/)).toBeVisible();
  });

  it('marks the plan done and can take it back', async () => {
    const { doc, user } = setup();

    await user.click(screen.getByRole('button', { name: 'Mark my plan done' }));
    expect(plan(doc).isFinished).toBe(true);
    expect(screen.getByText(/Your plan is marked done/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Mark as not done yet' }));
    expect(plan(doc).isFinished).toBe(false);
  });

  it('shows an edit from another device at once', async () => {
    const { doc, user } = setup();
    await user.click(card(1).getByRole('button', { name: 'Edit' }));

    act(() => setPlanField(doc, 'a2', 'firstStep', 'Ask the support team'));

    expect(card(1).getByLabelText('First step')).toHaveValue('Ask the support team');
  });

  it('keeps typing not yet written when another device edits the same field', async () => {
    const { doc, user } = setup();
    await user.click(card(1).getByRole('button', { name: 'Edit' }));
    await user.type(card(1).getByLabelText('First step'), 'Mine');

    act(() => setPlanField(doc, 'a2', 'firstStep', 'Theirs'));
    expect(card(1).getByLabelText('First step')).toHaveValue('Mine');

    await user.tab();
    expect(plan(doc).actions[1]?.firstStep).toBe('Mine');
  });

  it('downloads an export with the resume token once edits are saved', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(
        new Response('# Plan', {
          status: 200,
          headers: {
            'content-disposition': `attachment; filename="Action plan Sam.md"; filename*=UTF-8''Action%20plan%20Sam.md`,
          },
        }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL = vi.fn(() => 'blob:plan');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user, whenSaved } = setup();

    await user.click(screen.getByRole('button', { name: 'Markdown' }));

    expect(whenSaved).toHaveBeenCalled();
    expect(fetchMock).toHaveBeenCalledWith('/api/plan/export/md', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(click).toHaveBeenCalledOnce();
    expect(await screen.findByText('Downloaded Action plan Sam.md')).toBeVisible();
    click.mockRestore();
  });

  it('shows why an export failed', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              error: { code: 'UNAUTHORIZED', message: 'Open this from your own link' },
            }),
            {
              status: 401,
            },
          ),
        ),
      ),
    );
    const { user } = setup();

    await user.click(screen.getByRole('button', { name: 'PDF' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Open this from your own link');
  });

  it('offers the resume link to open the plan on another device', async () => {
    const { user } = setup();

    await user.click(screen.getByRole('button', { name: 'Show the link and QR code' }));

    expect(screen.getByLabelText('Your plan’s link')).toHaveValue(
      `${location.origin}/plan#token=${TOKEN}`,
    );
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeVisible();
  });
});

describe('the plan’s status line', () => {
  it.each<[DocState, string]>([
    [{ status: 'connecting', rights: null, error: null }, 'Connecting…'],
    [{ status: 'saving', rights: 'edit', error: null }, 'Saving…'],
    [SAVED, 'Saved'],
    [
      { status: 'offline', rights: 'edit', error: null },
      'Offline: your edits are kept on this device and sync when you are back online',
    ],
    [
      {
        status: 'failed',
        rights: 'edit',
        error: { code: 'BAD_REQUEST', message: 'due: Not a date' },
      },
      'due: Not a date',
    ],
  ])('reads %j as "%s"', (state, text) => {
    expect(planStatusText(state)).toBe(text);
  });

  it('shows the state in a status region and offers a way out of a refused edit', () => {
    const onStartAgain = vi.fn();
    render(
      <PlanEditor
        doc={planDoc()}
        state={{
          status: 'failed',
          rights: 'edit',
          error: { code: 'BAD_REQUEST', message: 'Refused' },
        }}
        resumeToken={TOKEN}
        whenSaved={vi.fn()}
        onStartAgain={onStartAgain}
      />,
    );

    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Refused');
    fireEvent.click(screen.getByRole('button', { name: 'Start again from the saved copy' }));
    expect(onStartAgain).toHaveBeenCalledOnce();
  });

  it('makes every field read-only for read rights', () => {
    render(
      <PlanEditor
        doc={planDoc()}
        state={{ status: 'saved', rights: 'read', error: null }}
        resumeToken={TOKEN}
        whenSaved={vi.fn()}
      />,
    );

    expect(screen.queryByRole('button', { name: 'Add an action' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    fireEvent.click(card(0).getByRole('button', { name: 'Read' }));
    expect(card(0).getByLabelText('Why it matters')).toHaveAttribute('readOnly');
  });
});
