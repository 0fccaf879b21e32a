import { count } from '@playfield/shared/plural';
import { BarChart } from '../../components/BarChart.tsx';
import type { FacilitatorProps } from '../types.ts';
import { ResetButton, type ResetTexts } from '../../components/ResetButton.tsx';

/** The reset button's text and the question it asks first. */
const RESET: ResetTexts = { label: 'Clear answers', question: 'Clear every answer to this poll?' };

/** Live counts for the facilitator, with names for a named poll. */
export default function PollFacilitator({ view, participantCount, act }: FacilitatorProps<'poll'>) {
  const { results } = view;
  return (
    <div className="stack">
      <h3 className="question">{view.question}</h3>
      <p className="muted">
        {count(results.respondents)} of {count(participantCount)} answered ·{' '}
        {view.isMultipleChoice ? 'multiple choice' : 'single choice'}
        {view.isAnonymous ? ' · anonymous' : ''}
      </p>
      <BarChart label="Live answers" labels={view.options} values={results.counts} />
      {view.voters && (
        <details>
          <summary>Who answered what</summary>
          <dl className="voters">
            {view.options.map((option, i) => (
              <div key={i}>
                <dt>{option}</dt>
                <dd>{view.voters?.[i]?.join(', ') || '—'}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <div>
        <ResetButton send={act} count={results.respondents} texts={RESET} />
      </div>
    </div>
  );
}
