/**
 * The participant's synced plan: nothing is shown as "your plan" before the server has
 * sent it, so an empty local copy never flashes "Your actions (0)".
 */
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DocState, SyncedDoc } from '../../client/src/docs/docConnection.ts';
import { useSyncedDoc } from '../../client/src/docs/useSyncedDoc.ts';
import type * as SyncedDocHooks from '../../client/src/docs/useSyncedDoc.ts';
import { SyncedPlanEditor } from '../../client/src/plans/SyncedPlanEditor.tsx';

// No /docs socket: each test says where the document stands.
vi.mock('../../client/src/docs/useSyncedDoc.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof SyncedDocHooks>()),
  useSyncedDoc: vi.fn(),
}));

const SEAT = { sessionId: 'sess_4f9a', participantId: 'p1', name: 'Sam', resumeToken: 'r1' };

function standing(state: DocState) {
  const synced = {
    doc: new Y.Doc(),
    current: state,
    subscribe: () => () => undefined,
    discardLocal: vi.fn(),
  } as unknown as SyncedDoc;
  vi.mocked(useSyncedDoc).mockReturnValue({ synced, state });
}

beforeEach(() => vi.mocked(useSyncedDoc).mockReset());

describe('SyncedPlanEditor', () => {
  it('shows that the plan is opening, not an empty plan, until the server has answered', () => {
    standing({ status: 'connecting', rights: null, error: null });

    render(<SyncedPlanEditor seat={SEAT} />);

    expect(screen.getByRole('status')).toHaveTextContent('Opening your plan…');
    expect(screen.queryByText(/Your actions/)).toBeNull();
  });

  it('shows the plan once the server has sent it', () => {
    standing({ status: 'saved', rights: 'edit', error: null });

    render(<SyncedPlanEditor seat={SEAT} />);

    expect(screen.getByText(/Your actions/)).toBeVisible();
    expect(screen.queryByText('Opening your plan…')).toBeNull();
  });

  it('shows the copy kept on this device when the connection is down', () => {
    standing({ status: 'offline', rights: null, error: null });

    render(<SyncedPlanEditor seat={SEAT} />);

    expect(screen.getByText(/Your actions/)).toBeVisible();
  });
});
