import { count, plural } from '@playfield/shared/plural';
import { useState } from 'react';
import {
  baselineFromSummary,
  formatChange,
  formatFigure,
  SCALE_LIMITS,
} from '@playfield/shared/exercises/scale/index';
import { api } from '../../api.ts';
import { readHashKey } from '../../router.ts';
import { getFacilitated } from '../../storage.ts';
import { useSessionStore } from '../../stores/useSessionStore.ts';
import type { FacilitatorProps } from '../types.ts';
import { Distribution } from './Distribution.tsx';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { ResetButton, type ResetTexts } from '../../components/ResetButton.tsx';
import { SendButton } from '../../components/SendButton.tsx';

/** The reset button's text and the question it asks first. */
const RESET: ResetTexts = {
  label: 'Clear all ratings',
  question: 'Clear every rating in this round?',
};

type Act = FacilitatorProps<'scale'>['act'];

/**
 * Takes the earlier round's figures (from the session's results, as its summary states them)
 * into this round's log, so the comparison is replayed like any other action.
 */
function CompareControl({
  compareWith,
  baseline,
  act,
}: {
  compareWith: string;
  baseline: FacilitatorProps<'scale'>['view']['baseline'];
  act: Act;
}) {
  const sessionId = useSessionStore((s) => s.facilitator?.session.id ?? null);
  const earlier = useSessionStore((s) => s.facilitator?.agenda.find((r) => r.id === compareWith));
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function load() {
    const token =
      readHashKey() ?? getFacilitated().find((s) => s.sessionId === sessionId)?.token ?? null;
    if (!sessionId || !token) return setMessage('Open this console from the facilitator link.');
    setPending(true);
    const results = await api.results(sessionId, token);
    const round = results.ok ? results.data.rounds.find((r) => r.roundId === compareWith) : null;
    const figures = round && baselineFromSummary(round.roundId, round.title, round.summary);
    if (!results.ok) setMessage(results.error.message);
    else if (!figures) setMessage('The earlier round has no ratings yet: run it first.');
    else {
      const sent = await act({ type: 'baseline', ...figures });
      setMessage(sent.ok ? null : sent.error.message);
    }
    setPending(false);
  }

  if (!earlier || earlier.kind !== 'scale')
    return <p className="muted">The round to compare with is no longer a scale on the agenda.</p>;
  return (
    <div className={styles.toolbar}>
      <span>
        {baseline
          ? `Compared with “${baseline.title}”: ${baseline.matched} statements match.`
          : `Compare with “${earlier.title}”.`}
      </span>
      <button type="button" className="button" disabled={pending} onClick={() => void load()}>
        {baseline ? 'Reload earlier figures' : 'Load earlier figures'}
      </button>
      {baseline && (
        <SendButton send={act} action={{ type: 'clearBaseline' }} variant="quiet">
          Stop comparing
        </SendButton>
      )}
      <ErrorAlert message={message} />
    </div>
  );
}

/** The console: live counts, distribution, mean and median per statement; screen paging. */
export default function ScaleFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'scale'>) {
  const onScreen = (i: number) => Math.floor(i / SCALE_LIMITS.screenPageSize) === view.screenPage;
  return (
    <div className="stack">
      <h3 className="question">{view.question}</h3>
      <p className="muted">
        {count(view.respondents)} of {count(participantCount)} answered · {view.scale.min}{' '}
        {view.scale.lowLabel} … {view.scale.max} {view.scale.highLabel}
        {view.scale.allowSkip && ' · skip allowed'}
        {view.isRevealed
          ? ' · results shown to the room'
          : view.showLive
            ? ' · the screen shows results live'
            : ' · private until you reveal'}
      </p>
      {view.compareWith && (
        <CompareControl compareWith={view.compareWith} baseline={view.baseline} act={act} />
      )}
      {view.pageCount > 1 && (
        <div className={styles.toolbar} role="group" aria-label="Room screen page">
          <SendButton
            send={act}
            action={{ type: 'page', page: view.screenPage - 1 }}
            size="small"
            disabled={view.screenPage === 0}
          >
            Previous page
          </SendButton>
          <span>
            Screen shows page {view.screenPage + 1} of {view.pageCount}
          </span>
          <SendButton
            send={act}
            action={{ type: 'page', page: view.screenPage + 1 }}
            size="small"
            disabled={view.screenPage >= view.pageCount - 1}
          >
            Next page
          </SendButton>
        </div>
      )}
      <p className="muted">Dashed line: the mean{view.baseline && '; dotted: the earlier mean'}.</p>
      <ul className={styles.grid} aria-label="Live results per statement">
        {view.statements.map((s) => (
          <li
            key={s.index}
            className={`${styles.card} ${view.pageCount > 1 && onScreen(s.index) ? styles.onScreen : ''}`}
          >
            <p className={styles.text}>
              {s.index + 1}. {s.text}
              {view.pageCount > 1 && onScreen(s.index) && (
                <span className="muted"> (on screen)</span>
              )}
            </p>
            <p className={styles.figures}>
              {plural(s.count, 'rating', 'ratings')} · mean {formatFigure(s.mean)} · median{' '}
              {formatFigure(s.median)}
              {s.skipped > 0 && ` · ${s.skipped} skipped`}
              {s.before &&
                ` · before ${formatFigure(s.before.mean)} (${formatChange(s.before.mean, s.mean) ?? 'no change yet'})`}
            </p>
            <Distribution stats={s} spec={view.scale} />
          </li>
        ))}
      </ul>
      <ResetButton send={act} texts={RESET} />
    </div>
  );
}
