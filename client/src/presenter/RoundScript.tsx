import { EXERCISES, type AgendaItemView } from '@playfield/shared';
import styles from './RoundScript.module.css';

/**
 * The facilitator's notes for a round (what to say, what to ask, the debrief), as plain
 * text with its line breaks: they are only ever in the console's view.
 */
export function FacilitatorNotes({
  item,
  headingLevel = 2,
}: {
  item: AgendaItemView | undefined;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={styles.notes} aria-labelledby="facilitator-notes-title">
      <Heading id="facilitator-notes-title" className={styles.heading}>
        Your notes
      </Heading>
      {item?.notes ? (
        <p className={styles.text} data-testid="facilitator-notes">
          {item.notes}
        </p>
      ) : (
        <p className="muted">No notes for this round. Add them with Edit in the agenda.</p>
      )}
    </section>
  );
}

/** The round after the current one: what comes next, how long it is planned for. */
export function NextRoundPreview({ agenda, index }: { agenda: AgendaItemView[]; index: number }) {
  const next = agenda[index + 1];
  return (
    <section className={styles.next} aria-labelledby="next-round-title">
      <h2 id="next-round-title" className={styles.heading}>
        Next up
      </h2>
      {next ? (
        <>
          <p className={styles.nextTitle} data-testid="next-round">
            {index + 2}. {next.title}
          </p>
          <p className="muted">
            {EXERCISES[next.kind].label}
            {next.minutes !== undefined && ` · ${next.minutes} min planned`}
          </p>
          {next.notes && <p className={styles.nextNotes}>{firstLines(next.notes, 3)}</p>}
        </>
      ) : (
        <p className="muted">This is the last round: end the session when you are ready.</p>
      )}
    </section>
  );
}

/** The first `count` lines of a text, with "…" when there is more. */
function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  return lines.length > count ? `${lines.slice(0, count).join('\n')}…` : text;
}
