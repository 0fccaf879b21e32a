/** Stored charts and notebook blocks may be malformed: what is readable still renders. */
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ControlChartView, RoundResult } from '@playfield/shared';
import { addNotebookBlock, initNotebook } from '@playfield/shared/notebooks/notebook';
import { ControlChart, readChart } from '../../client/src/components/ControlChart.tsx';
import { PROBLEM_MESSAGE } from '../../client/src/components/ErrorBoundary.tsx';
import { RoundSummaryView } from '../../client/src/components/RoundSummaryView.tsx';
import { NotebookBlocks } from '../../client/src/notebooks/NotebookBlocks.tsx';

const asChart = (raw: unknown) => raw as ControlChartView;

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('ControlChart with malformed data', () => {
  it('draws the points when markers, limits and signals are missing', () => {
    render(
      <ControlChart
        chart={asChart({
          title: 'Red beads',
          kind: 'np',
          unit: 'red beads',
          points: [
            { value: 9, label: 'Ana 1', isBeyondLimits: false },
            { value: 14, label: 'Ben 1', isBeyondLimits: true },
          ],
        })}
      />,
    );

    expect(screen.getByRole('img')).toHaveAccessibleName('Red beads: no paddles drawn yet.');
    expect(screen.getByText('Ben 1: 14.0 (beyond the limits)')).toBeInTheDocument();
  });

  it('draws the limits when points are missing', () => {
    render(
      <ControlChart
        chart={asChart({
          title: 'Red beads',
          segments: [{ start: 0, end: 4, center: 9, lower: 1, upper: 18 }],
          markers: [{ beforePoint: 'x' }, { beforePoint: 2, label: 'New rule' }],
        })}
      />,
    );

    expect(screen.getByText('UCL 18.0')).toBeInTheDocument();
    expect(screen.getByText('New rule')).toBeInTheDocument();
  });

  it.each([null, 'chart', 42, []])('renders nothing for %j', (raw) => {
    const { container } = render(<ControlChart chart={asChart(raw)} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('drops points and markers it cannot read', () => {
    const chart = readChart({ points: [{ value: 'NaN' }, { value: 3 }, null], markers: {} });
    expect(chart?.points).toEqual([{ value: 3, label: '', isBeyondLimits: false }]);
    expect(chart?.markers).toEqual([]);
  });
});

describe('RoundSummaryView with a malformed block', () => {
  it('renders the readable blocks around one that cannot be drawn', () => {
    const result = {
      roundId: 'r1',
      kind: 'redBead',
      title: 'Red beads',
      summary: {
        headline: '6 workers, 4 days',
        blocks: [
          { type: 'text', text: 'Before' },
          { type: 'bars', labels: null, values: null, unit: 'x' },
          { type: 'controlChart', chart: { title: 'Chart', points: [] } },
          { type: 'text', text: 'After' },
        ],
      },
    } as unknown as RoundResult;

    render(<RoundSummaryView result={result} />);

    expect(screen.getByText('Before')).toBeVisible();
    expect(screen.getByText('After')).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(PROBLEM_MESSAGE);
    expect(screen.getByRole('img', { name: 'Chart: no paddles drawn yet.' })).toBeInTheDocument();
  });
});

describe('NotebookBlocks with a malformed block', () => {
  it('renders every readable block when one round’s results cannot be drawn', () => {
    const doc = new Y.Doc();
    initNotebook(doc, { title: 'Service basics', sessionId: 's1', code: 'ABC234', createdAt: 0 });
    addNotebookBlock(doc, { id: 'n1', type: 'note', text: 'First note' }, 0);
    // A stored round block whose chart lacks markers, limits and signals (older notebooks
    // were checked only for `points`).
    doc.transact(() => {
      const round = new Y.Map<unknown>();
      round.set('id', 'round-r1');
      round.set('type', 'round');
      round.set('title', 'Broken round');
      round.set('kind', 'redBead');
      const chart = { title: 'Beads', points: [{ value: 3, label: 'A', isBeyondLimits: false }] };
      round.set(
        'summary',
        JSON.stringify({ headline: 'H', blocks: [{ type: 'controlChart', chart }] }),
      );
      doc.getArray<unknown>('blocks').push([round]);
    });
    addNotebookBlock(doc, { id: 'n2', type: 'note', text: 'Last note' }, 0);

    render(<NotebookBlocks doc={doc} canEdit={false} peers={[]} />);

    expect(screen.getByText('First note')).toBeInTheDocument();
    expect(screen.getByText('Last note')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Round 1: Broken round' })).toBeInTheDocument();
  });
});
