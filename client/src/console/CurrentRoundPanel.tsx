import { plural } from '@playfield/shared/plural';
import type { FacilitatorView } from '@playfield/shared';
import { ConsoleLinkNotice } from '../components/ConsoleLinkNotice.tsx';
import { PromptControl } from '../plans/PromptControl.tsx';
import { ClockPanel } from '../presenter/ClockPanel.tsx';
import { FacilitatorNotes } from '../presenter/RoundScript.tsx';
import { ScreenControls } from '../presenter/ScreenControls.tsx';
import { RoundStatus, RoundTimer } from './RoundControls.tsx';
import { RoundResults } from './RoundResults.tsx';
import type { Act, Control } from './types.ts';
import styles from './CurrentRoundPanel.module.css';

/** The round the room is on: its controls beside its live results (the waiting room before). */
export function CurrentRoundPanel(props: {
  view: FacilitatorView;
  control: Control;
  screenKey: string | undefined;
  act: Act;
}) {
  const { view, control } = props;
  const { round } = view;
  const participantCount = view.roster.filter((p) => !p.hasLeft).length;
  if (view.session.phase === 'lobby') {
    return (
      <section className={`panel ${styles.panelMain} ${styles.round}`} data-testid="current-round">
        <h2>Waiting room</h2>
        <p className="lead">
          {plural(participantCount, 'person has', 'people have')} joined. Start when the room is
          ready.
        </p>
        <ConsoleLinkNotice />
        <ClockPanel view={view} control={control} />
      </section>
    );
  }
  if (!round) {
    return (
      <section className={`panel ${styles.panelMain} ${styles.round}`} data-testid="current-round">
        <h2>No round</h2>
        <p>Add a round to the agenda, then go to it.</p>
      </section>
    );
  }
  return (
    <section
      className={`panel ${styles.panelMain} ${styles.round}`}
      data-testid="current-round"
      aria-labelledby="round-title"
    >
      <div className={styles.roundHead}>
        <p className="eyebrow">
          Round {round.index + 1} of {round.count}
        </p>
        <h2 id="round-title">{round.title}</h2>
      </div>
      <div className={styles.roundBody}>
        <div className={styles.controls} aria-label="Round controls" role="group">
          <RoundStatus round={round} />
          <RoundTimer view={view} control={control} />
          <ClockPanel view={view} control={control} />
          <ScreenControls view={view} control={control} screenKey={props.screenKey} />
          <p className={`muted ${styles.prompt}`}>Action-plan prompt: {round.actionPlanPrompt}</p>
          <PromptControl control={control} />
          <details className={styles.script}>
            <summary>Your notes for this round</summary>
            <FacilitatorNotes item={view.agenda[round.index]} headingLevel={3} />
          </details>
        </div>
        <div className={styles.results}>
          <RoundResults view={view} act={props.act} />
        </div>
      </div>
    </section>
  );
}
