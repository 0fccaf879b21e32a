import type { RolePlayGroupView } from '@playfield/shared/exercises/rolePlay/index';
import { plural } from '@playfield/shared/plural';
import type { FacilitatorProps } from '../types.ts';
import { StepMeans, formatMean } from './StepMeans.tsx';
import { useSender } from '../useSender.ts';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { FiguresTable, type FigureColumn } from '../../components/FiguresTable.tsx';
import { SendButton } from '../../components/SendButton.tsx';

const STATUS_TEXT: Record<RolePlayGroupView['status'], string> = {
  waiting: 'Not scored',
  scoring: 'Scoring',
  scored: '✓ Scored',
};

const RESULT_COLUMNS: readonly FigureColumn[] = [
  { label: 'Mean' },
  { label: 'Lowest' },
  { label: 'Highest' },
  { label: 'Groups scored' },
];

/** Runs the role-play: forms and rotates groups, places newcomers, follows the scores. */
export default function RolePlayFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'rolePlay'>) {
  const { error, send } = useSender(act);
  const { progress, config } = view;
  const hasGroups = view.groups.length > 0;
  const steps = config.steps;

  return (
    <div className="stack">
      <div className="actions">
        <span className="status-pill">
          {hasGroups
            ? `Play ${view.play} · ${plural(progress.groups, 'group', 'groups')}`
            : 'No groups yet'}
        </span>
        <span className="muted">
          {config.groupSize === 'pairs' ? 'Pairs' : 'Trios'} ·{' '}
          {plural(participantCount, 'person', 'people')} · {progress.complete} of{' '}
          {plural(progress.groups, 'group', 'groups')} scored
          {progress.started > progress.complete
            ? ` · ${progress.started - progress.complete} scoring`
            : ''}
        </span>
      </div>
      <div className="actions">
        <button
          type="button"
          className={`button ${hasGroups ? '' : 'button--primary'}`}
          onClick={() => {
            if (
              hasGroups &&
              !confirm('Form new groups? Everyone gets a new group; scores so far are kept.')
            )
              return;
            void send({ type: 'form' });
          }}
        >
          {hasGroups ? 'Re-form groups' : 'Form groups'}
        </button>
        {hasGroups && (
          <SendButton send={send} action={{ type: 'rotate' }} variant="primary">
            Rotate roles (next play)
          </SendButton>
        )}
        {hasGroups && view.waiting.length > 0 && (
          <SendButton send={send} action={{ type: 'placeNewcomers' }}>
            Place {view.waiting.length} {view.waiting.length === 1 ? 'newcomer' : 'newcomers'}
          </SendButton>
        )}
      </div>
      <ErrorAlert message={error} />
      {view.waiting.length > 0 && (
        <p className="muted">
          {hasGroups ? 'Waiting for a group: ' : 'Here to be grouped: '}
          {view.waiting.map((w) => w.name).join(', ')}
        </p>
      )}

      {hasGroups && (
        <table className={`table ${styles.groups}`}>
          <caption>Groups and parts</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Customer</th>
              <th scope="col">Provider</th>
              <th scope="col">Observer</th>
            </tr>
          </thead>
          <tbody>
            {view.groups.map((group) => (
              <GroupRow key={group.id} group={group} />
            ))}
          </tbody>
        </table>
      )}
      {hasGroups && (
        <FiguresTable
          caption={`Scores per group (1 to ${config.scaleMax})`}
          rowHeading="Group"
          // Numbered steps keep up to six score columns and the status beside the group; the
          // key under the table names the steps.
          columns={[
            ...steps.map((s, i) => ({ label: s.name, short: String(i + 1) })),
            { label: 'Status', isText: true },
          ]}
          rows={view.groups.map((group) => ({
            key: group.id,
            label: group.label,
            className: group.status === 'scored' ? styles.scored : undefined,
            cells: [
              ...steps.map((_, i) => group.scorecard?.scores[i] ?? '–'),
              STATUS_TEXT[group.status],
            ],
          }))}
        />
      )}
      {view.groups.some((g) => g.scorecard?.comment) && (
        <details>
          <summary>Observers’ notes</summary>
          <ul>
            {view.groups
              .filter((g) => g.scorecard?.comment)
              .map((g) => (
                <li key={g.id}>
                  <strong>{g.label}:</strong> {g.scorecard?.comment}
                </li>
              ))}
          </ul>
        </details>
      )}

      <div className="stack stack--tight">
        <h3>Room results</h3>
        <p className="muted">
          {view.results.scorecards === 0
            ? 'No scores yet.'
            : `${view.results.scorecards} ${view.results.scorecards === 1 ? 'scorecard' : 'scorecards'} from ${view.results.plays} ${view.results.plays === 1 ? 'play' : 'plays'}. The room sees them when you reveal the results.`}
        </p>
        <StepMeans
          steps={view.results.steps}
          scaleMax={config.scaleMax}
          label="Mean score per step"
          hasDistribution
        />
        <FiguresTable
          caption="Scores per step"
          isCaptionHidden
          rowHeading="Step"
          columns={RESULT_COLUMNS}
          rows={view.results.steps.map((s) => ({
            key: s.name,
            label: s.name,
            cells: [
              s.mean === null ? '–' : formatMean(s.mean),
              s.lowest ?? '–',
              s.highest ?? '–',
              s.count,
            ],
          }))}
        />
      </div>

      <details>
        <summary>The scenario: {config.scenario.title}</summary>
        <div className="stack stack--tight">
          <p>{config.scenario.complaint}</p>
          <p>
            <strong>Customer:</strong> {config.scenario.customerBrief}
          </p>
          <p>
            <strong>Provider:</strong> {config.scenario.providerBrief}
          </p>
        </div>
      </details>
    </div>
  );
}

function memberText(member: RolePlayGroupView['members'][number]): string {
  return `${member.name}${member.isScorer ? ' (scores)' : ''}${member.hasLeft ? ' (left)' : ''}`;
}

function GroupRow({ group }: { group: RolePlayGroupView }) {
  const byRole = (role: string) =>
    group.members
      .filter((m) => m.role === role)
      .map(memberText)
      .join(', ') || '–';
  return (
    <tr className={group.status === 'scored' ? styles.scored : undefined}>
      <th scope="row">{group.label}</th>
      <td>{byRole('customer')}</td>
      <td>{byRole('provider')}</td>
      <td>{byRole('observer')}</td>
    </tr>
  );
}
