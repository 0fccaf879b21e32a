import { ControlChart } from '../../components/ControlChart.tsx';
import type { ScreenProps } from '../types.ts';
import { Paddle } from './Paddle.tsx';
import { Debrief, RecordTable } from './RecordTable.tsx';
import styles from './Screen.module.css';

/** The plant on the projector: the paddle, the record and the control chart, with management's banner. */
export default function RedBeadScreen({ view }: ScreenProps<'redBead'>) {
  const current = view.workers.find((w) => w.id === view.currentWorkerId);
  const paddle = view.paddle;
  if (view.stage === 'finished') {
    return (
      <div className={`red-bead-screen screen-debrief ${styles.screen} ${styles.debrief}`}>
        <Debrief view={view} chart={<ControlChart chart={view.chart} size="large" />} />
      </div>
    );
  }
  return (
    <div className={`red-bead-screen ${styles.screen}`}>
      {(view.slogan || view.quota !== null) && (
        <p className="management-banner management-banner--large">
          {view.slogan && <strong>“{view.slogan}” </strong>}
          {view.quota !== null && <span>Quota: no more than {view.quota} red</span>}
        </p>
      )}
      <div className={styles.grid}>
        <div className="stack">
          {paddle ? (
            <>
              <p className="screen-count">
                <strong>{paddle.red}</strong> red · {paddle.workerName}
                {!paddle.isRecorded && ' · inspecting'}
              </p>
              <Paddle
                key={paddle.index}
                beads={paddle.beads}
                size="large"
                label={`${paddle.workerName}'s paddle`}
              />
            </>
          ) : (
            <p className="screen-count">
              {view.stage === 'predicting'
                ? `${view.predictionsToday} predictions so far`
                : 'Waiting for the first paddle'}
            </p>
          )}
          {current && <p className="screen-next">At the bucket: {current.name}</p>}
        </div>
        <ControlChart chart={view.chart} size="large" />
        <div className={styles.record}>
          <RecordTable view={view} size="large" />
        </div>
      </div>
    </div>
  );
}
