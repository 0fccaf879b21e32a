import { count, plural } from '@playfield/shared/plural';
import { BarChart } from '../../components/BarChart.tsx';
import type { FacilitatorProps } from '../types.ts';
import { ruleText } from './Participant.tsx';
import styles from './Facilitator.module.css';
import { ResetButton, type ResetTexts } from '../../components/ResetButton.tsx';

/** The reset button's text and the question it asks first. */
const RESET: ResetTexts = { label: 'Clear votes', question: 'Clear every vote in this round?' };

type View = FacilitatorProps<'dotVote'>['view'];

function shortfallLine(shortfall: NonNullable<View['shortfall']>): string {
  const share = shortfall.share === null ? 0 : Math.round(shortfall.share * 100);
  return `${count(shortfall.count)} of ${plural(shortfall.respondents, 'voter', 'voters')} (${share}%) chose fewer than ${shortfall.min}`;
}

/**
 * The console: live counts as a ranking, who falls short of the minimum, and every example
 * (never its author), each with a button to hide it from the room and a way to put an
 * option's examples on the screen.
 */
export default function DotVoteFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'dotVote'>) {
  const { tally, ranking, shortfall } = view;
  const unit = view.rule.mode === 'dots' ? 'dots' : 'votes';
  const byOption = view.options.map((_, i) => view.examples.filter((e) => e.option === i));
  return (
    <div className="stack">
      <h3 className="question">{view.question}</h3>
      <p className="muted">
        {count(tally.respondents)} of {count(participantCount)} voted · {ruleText(view.rule)}
        {view.exampleMode !== 'off' && ` · examples ${view.exampleMode}`}
        {view.isAnonymous && ' · anonymous'}
        {view.isRevealed ? ' · results shown to the room' : ' · private until you reveal'}
      </p>
      <BarChart
        label={`Live ${unit}`}
        labels={ranking.map((r) => `${r.label} (${plural(r.voters, 'person', 'people')})`)}
        values={ranking.map((r) => r.count)}
      />
      {shortfall && (
        <div>
          <p>
            <strong>Who falls short:</strong> {shortfallLine(shortfall)}.
          </p>
          {shortfall.names && (
            <p className="muted">
              {shortfall.names.length ? shortfall.names.join(', ') : 'Nobody'}
            </p>
          )}
        </div>
      )}
      {view.exampleMode !== 'off' && (
        <section className="stack stack--tight" aria-labelledby="dot-vote-examples">
          <h4 id="dot-vote-examples">Examples</h4>
          <p className="muted">
            Shown without names. Hidden examples never reach the screen or the notebook. Choose an
            option to put its examples on the screen after the reveal.
          </p>
          {view.examples.length === 0 && <p>No examples yet.</p>}
          {view.options.map((option, i) => {
            const examples = byOption[i] ?? [];
            if (examples.length === 0) return null;
            const isOnScreen = view.focus === i;
            return (
              <div key={i} className={styles.examples}>
                <div className="actions">
                  <h5>{option.label}</h5>
                  <button
                    type="button"
                    className="button button--small"
                    aria-pressed={isOnScreen}
                    onClick={() => void act({ type: 'focus', option: isOnScreen ? null : i })}
                  >
                    {isOnScreen ? 'On screen' : 'Show on screen'}
                  </button>
                </div>
                <ul>
                  {examples.map((example) => (
                    <li key={example.id} className={example.isHidden ? styles.hidden : undefined}>
                      <span>
                        {example.isHidden && <strong>Hidden: </strong>}
                        {example.text}
                      </span>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`${example.isHidden ? 'Show' : 'Hide'} the example “${example.text}”`}
                        onClick={() =>
                          void act({
                            type: 'hideExample',
                            exampleId: example.id,
                            isHidden: !example.isHidden,
                          })
                        }
                      >
                        {example.isHidden ? 'Show' : 'Hide'}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      )}
      <div>
        <ResetButton send={act} count={tally.respondents} texts={RESET} />
      </div>
    </div>
  );
}
