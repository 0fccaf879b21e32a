import { lazy, Suspense } from 'react';
import type { ActivityEntry, FacilitatorView, Result } from '@playfield/shared';
import { RosterPanel } from '../components/RosterPanel.tsx';
import { RoundNotes } from '../notebooks/RoundNotes.tsx';
import { PlansPanel } from '../plans/PlansPanel.tsx';
import { RehearsalPanel } from '../rehearsal/RehearsalPanel.tsx';
import { ActivityPanel } from './ActivityPanel.tsx';
import { Drawer } from './Drawer.tsx';
import type { Control } from './types.ts';
import styles from './SidePanels.module.css';

/** The session's Q&A panel, beside the round (lazy, like the rest of the console's parts). */
const QaPanel = lazy(() => import('../qa/QaPanel.tsx'));
/** The session's tables (teams) panel, likewise lazy. */
const TablesPanel = lazy(() => import('../teams/TablesPanel.tsx'));

/**
 * The secondary panels beside the round, each in a drawer: people, Q&A, tables, notes,
 * plans and who did what. The rehearsal's and plans' need the console's key.
 */
export function SidePanels({
  view,
  sessionId,
  token,
  control,
  activity,
}: {
  view: FacilitatorView;
  sessionId: string;
  token: string | null;
  control: Control;
  /** Reads the log's latest console actions (the "who did what" drawer). */
  activity?: () => Promise<Result<ActivityEntry[]>> | undefined;
}) {
  return (
    <aside className={styles.side} aria-label="People, questions, tables and plans">
      {view.rehearsal && token && (
        <Drawer title="Rehearsal">
          <RehearsalPanel view={view} control={control} token={token} />
        </Drawer>
      )}
      <Drawer title="People">
        <RosterPanel
          roster={view.roster}
          responses={view.responses}
          teams={view.teams}
          control={control}
        />
      </Drawer>
      {view.qa && (
        <Drawer title="Questions (Q&A)">
          <Suspense fallback={<p className="muted">Loading the questions…</p>}>
            <QaPanel qa={view.qa} control={control} />
          </Suspense>
        </Drawer>
      )}
      <Drawer title="Tables">
        <Suspense fallback={<p className="muted">Loading the tables…</p>}>
          <TablesPanel teams={view.teams} roster={view.roster} control={control} />
        </Suspense>
      </Drawer>
      {view.round && (
        <Drawer title="Notes for the notebook">
          <RoundNotes sessionId={view.session.id} roundId={view.round.id} />
        </Drawer>
      )}
      {token && (
        <Drawer title="Action plans">
          <PlansPanel sessionId={sessionId} token={token} />
        </Drawer>
      )}
      {activity && (
        <Drawer title="Who did what">
          <ActivityPanel load={activity} />
        </Drawer>
      )}
    </aside>
  );
}
