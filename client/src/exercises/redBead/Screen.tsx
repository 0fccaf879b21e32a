import { ControlChart } from '../../components/ControlChart.tsx';
import type { ScreenProps } from '../types.ts';
import { Paddle } from './Paddle.tsx';
import { Debrief, RecordTable } from './RecordTable.tsx';
import styles from './Screen.module.css';

/**
 * The plant on the projector: management's banner across the top; the paddle and the
 * record (every day and the totals) in one column, the control chart and its legend beside
 * them, so neither runs under the other and all of it fits 1366x768 at full size.
 */
export default function RedBeadScreen({ view }: ScreenProps<'redBead'>) {
  const current = view.workers.find((w) => w.id === view.currentWorkerId);
  const paddle = view.paddle;
  if (view.stage === 'finished') {
    return (
      <div className={`red-bead-screen ${styles.screen} ${styles.debrief}`}>
        <Debrief
          view={view}
          chart={<ControlChart chart={view.chart} size="large" shape="flat" />}
        />
      </div>
    );
  }
  return (
    <div className={`red-bead-screen ${styles.screen}`}>
      {(view.slogan || view.quota !== null) && (
        <p className={styles.banner} data-testid="management-banner">
          {view.slogan && <strong>“{view.slogan}” </strong>}
          {view.quota !== null && <span>Quota: no more than {view.quota} red</span>}
        </p>
      )}
      <div className={styles.grid}>
        <div className={styles.side}>
          <div className={styles.now}>
            {paddle && (
              <Paddle
                key={paddle.index}
                beads={paddle.beads}
                size="large"
                label={`${paddle.workerName}'s paddle`}
              />
            )}
            <div className={styles.status}>
              {paddle ? (
                <p className={`screen-count ${styles.count}`}>
                  <strong>{paddle.red}</strong> red · {paddle.workerName}
                  {!paddle.isRecorded && ' · inspecting'}
                </p>
              ) : (
                <p className={`screen-count ${styles.count}`}>
                  {view.stage === 'predicting'
                    ? `${view.predictionsToday} predictions so far`
                    : 'Waiting for the first paddle'}
                </p>
              )}
              {current && (
                <p className={styles.next} data-testid="at-the-bucket">
                  At the bucket: {current.name}
                </p>
              )}
            </div>
          </div>
          <RecordTable view={view} size="large" />
        </div>
        <div className={styles.chart}>
          <ControlChart chart={view.chart} size="large" />
        </div>
      </div>
    </div>
  );
}
