import type { RoundResult, SummaryBlock } from '@playfield/shared';
import { BarChart } from './BarChart.tsx';
import { ControlChart } from './ControlChart.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

/** A finished round's results: its summary blocks, rendered as text. */
export function RoundSummaryView({ result }: { result: RoundResult }) {
  const blocks: unknown = result.summary.blocks;
  return (
    <article className="summary stack stack--tight">
      <h3>{result.title}</h3>
      <p className="summary__headline">{result.summary.headline}</p>
      {(Array.isArray(blocks) ? (blocks as SummaryBlock[]) : []).map((block, i) => (
        // Summaries come from stored notebooks and older servers: a block that cannot be
        // drawn costs only itself, never the blocks around it.
        <ErrorBoundary key={i} label={`summary block ${i} of “${result.title}”`}>
          <SummaryBlockView block={block} title={result.title} />
        </ErrorBoundary>
      ))}
    </article>
  );
}

function SummaryBlockView({ block, title }: { block: SummaryBlock; title: string }) {
  switch (block.type) {
    case 'text':
      return <p>{block.text}</p>;
    case 'bars':
      return (
        <BarChart
          label={`${title}: ${block.unit}`}
          labels={block.labels}
          values={block.values}
          unit={block.unit}
        />
      );
    case 'table':
      return (
        <table className="table">
          <thead>
            <tr>
              {block.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'list':
      return (
        <div>
          <h4>{block.title}</h4>
          <ul>
            {block.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      );
    case 'controlChart':
      return <ControlChart chart={block.chart} />;
    default: {
      // A block type this client does not know (a newer server): leave it out.
      const unknown: never = block;
      console.warn('[playfield] unknown summary block', unknown);
      return null;
    }
  }
}
