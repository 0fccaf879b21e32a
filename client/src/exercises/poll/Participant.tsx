import { count } from '@playfield/shared/plural';
import { BarChart } from '../../components/BarChart.tsx';
import type { ParticipantProps } from '../types.ts';
import { useSender } from '../useSender.ts';
import { ChoiceButton } from '../../components/ChoiceButton.tsx';
import { StatusLine } from '../../components/StatusLine.tsx';

/** The poll on a phone: big tappable options; an answer can change until the facilitator locks. */
export function PollParticipant({ view, own, isOpen, act }: ParticipantProps<'poll'>) {
  const { error, isBusy: pending, send } = useSender(act);
  const chosen = own?.choices ?? [];

  async function choose(index: number) {
    const next = view.isMultipleChoice
      ? chosen.includes(index)
        ? chosen.filter((c) => c !== index)
        : [...chosen, index]
      : [index];
    await send(next.length ? { type: 'answer', choices: next } : { type: 'clear' });
  }

  if (view.results) {
    return (
      <section className="stack">
        <h2 className="question">{view.question}</h2>
        <BarChart
          label="Results"
          labels={view.options}
          values={view.results.counts}
          marked={chosen}
        />
        <p className="muted">{count(view.results.respondents)} answered.</p>
      </section>
    );
  }

  const type = view.isMultipleChoice ? 'checkbox' : 'radio';
  return (
    <section className="stack">
      <h2 className="question" id="poll-question">
        {view.question}
      </h2>
      <p className="muted">
        {view.isMultipleChoice ? 'Choose all that apply.' : 'Choose one.'}
        {view.isAnonymous && ' Your answer is anonymous.'}
      </p>
      <div
        role={view.isMultipleChoice ? 'group' : 'radiogroup'}
        aria-labelledby="poll-question"
        className="choices"
      >
        {view.options.map((option, i) => {
          const isChosen = chosen.includes(i);
          return (
            <ChoiceButton
              key={i}
              role={type}
              isChosen={isChosen}
              disabled={!isOpen || pending}
              onChoose={() => void choose(i)}
            >
              {option}
            </ChoiceButton>
          );
        })}
      </div>
      <StatusLine error={error} isOpen={isOpen} closed="Answers are locked.">
        {chosen.length > 0 &&
          'Answer saved. You can change it until the facilitator locks the poll.'}
      </StatusLine>
    </section>
  );
}
