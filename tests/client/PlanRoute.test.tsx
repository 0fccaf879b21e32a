import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanInfo } from '@playfield/shared';
import Plan from '../../client/src/routes/Plan.tsx';
import { SyncedPlanEditor } from '../../client/src/plans/SyncedPlanEditor.tsx';
import { saveSeat, type Seat } from '../../client/src/storage.ts';
import { json } from './fixtures.ts';

// The editor would open a real socket: stand in a marker that shows which plan it got.
vi.mock('../../client/src/plans/SyncedPlanEditor.tsx', () => ({
  SyncedPlanEditor: vi.fn(({ seat }: { seat: { participantId: string } }) => (
    <p>Editor for {seat.participantId}</p>
  )),
}));

const SAM: Seat = {
  sessionId: 'sess_4f9a',
  participantId: 'p-sam',
  name: 'Sam',
  resumeToken: 'resume-token-sam-0001',
};
const KIM: Seat = {
  sessionId: 'sess_77b1',
  participantId: 'p-kim',
  name: 'Kim',
  resumeToken: 'resume-token-kim-0001',
};

function info(seat: Seat, title: string): PlanInfo {
  return {
    docId: `plan.${seat.sessionId}.${seat.participantId}`,
    sessionId: seat.sessionId,
    participantId: seat.participantId,
    name: seat.name,
    workshopTitle: title,
    date: '2030-03-12',
    code: 'ABC234',
  };
}

/** The API: each resume token answers with its own plan, others are refused. */
function stubApi() {
  const fetchMock = vi.fn((_url: string, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get('authorization');
    if (auth === `Bearer ${SAM.resumeToken}`)
      return Promise.resolve(json(info(SAM, 'Service recovery')));
    if (auth === `Bearer ${KIM.resumeToken}`)
      return Promise.resolve(json(info(KIM, 'Complaints day')));
    return Promise.resolve(
      json({ error: { code: 'UNAUTHORIZED', message: 'Open this from your own link' } }, 401),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => {
  vi.mocked(SyncedPlanEditor).mockClear();
  history.replaceState(null, '', '/plan');
});

describe('/plan', () => {
  it('opens the plan of the token in the link, titled with the workshop and its day', async () => {
    stubApi();
    history.replaceState(null, '', `/plan#token=${SAM.resumeToken}`);
    render(<Plan />);

    expect(await screen.findByRole('heading', { name: 'My action plan' })).toBeVisible();
    expect(screen.getByText(/Service recovery ·/)).toBeVisible();
    expect(screen.getByText(/2030/, { selector: '.eyebrow' })).toBeVisible();
    expect(screen.getByText('Editor for p-sam')).toBeVisible();
    expect(vi.mocked(SyncedPlanEditor).mock.calls[0]?.[0]).toMatchObject({
      seat: { sessionId: SAM.sessionId, participantId: 'p-sam', resumeToken: SAM.resumeToken },
    });
  });

  it('explains a link whose token is not valid', async () => {
    stubApi();
    history.replaceState(null, '', '/plan#token=unknown-token-0000000');
    render(<Plan />);

    expect(
      await screen.findByRole('heading', { name: 'This plan link does not work' }),
    ).toBeVisible();
    expect(screen.queryByText(/Editor for/)).not.toBeInTheDocument();
  });

  it('ignores a malformed token and says there is no plan on this device', () => {
    stubApi();
    history.replaceState(null, '', '/plan#token=<script>');
    render(<Plan />);

    expect(screen.getByRole('heading', { name: 'No action plan on this device' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Join a session' })).toHaveAttribute('href', '/');
  });

  it('opens the only seat this device holds without a link', async () => {
    stubApi();
    saveSeat('ABC234', SAM);
    render(<Plan />);

    expect(await screen.findByText('Editor for p-sam')).toBeVisible();
  });

  it('lists several seats by workshop and opens the one chosen', async () => {
    stubApi();
    saveSeat('ABC234', SAM);
    saveSeat('XYZ789', KIM);
    render(<Plan />);

    expect(screen.getByRole('heading', { name: 'Which plan?' })).toBeVisible();
    expect(await screen.findByText('Complaints day')).toBeVisible();
    expect(screen.getByText('Service recovery')).toBeVisible();
    const [, second] = screen.getAllByRole('link', { name: 'Open this plan' });
    await userEvent.click(second as HTMLElement);

    expect(await screen.findByText('Editor for p-kim')).toBeVisible();
    expect(location.hash).toBe(`#token=${KIM.resumeToken}`);
  });
});
