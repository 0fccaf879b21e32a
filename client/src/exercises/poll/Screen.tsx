import { count } from '@playfield/shared/plural';
import { BarChart } from '../../components/BarChart.tsx';
import type { ScreenProps } from '../types.ts';

/** The poll on the projector: the question, then the chart once revealed. */
export default function PollScreen({ view, participantCount }: ScreenProps<'poll'>) {
  return (
    <div className="screen-round">
      <h2 className="screen-question">{view.question}</h2>
      {view.results ? (
        <BarChart label="Results" labels={view.options} values={view.results.counts} size="large" />
      ) : (
        <div className="screen-waiting">
          <ol className="screen-options">
            {view.options.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ol>
          <p className="screen-count">
            <strong>{count(view.respondents)}</strong> of {count(participantCount)} answered
          </p>
        </div>
      )}
    </div>
  );
}
