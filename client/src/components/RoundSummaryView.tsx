import type { RoundResult } from '@playfield/shared';
import { BarChart } from './BarChart.tsx';
import { ControlChart } from './ControlChart.tsx';

/** A finished round's results: its summary blocks, rendered as text. */
export function RoundSummaryView({ result }: { result: RoundResult }) {
  return (
    <article className="summary stack stack--tight">
      <h3>{result.title}</h3>
      <p className="summary__headline">{result.summary.headline}</p>
      {result.summary.blocks.map((block, i) => {
        switch (block.type) {
          case 'text':
            return <p key={i}>{block.text}</p>;
          case 'bars':
            return (
              <BarChart
                key={i}
                label={`${result.title}: ${block.unit}`}
                labels={block.labels}
                values={block.values}
                unit={block.unit}
              />
            );
          case 'table':
            return (
              <table key={i} className="table">
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
              <div key={i}>
                <h4>{block.title}</h4>
                <ul>
                  {block.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              </div>
            );
          case 'controlChart':
            return <ControlChart key={i} chart={block.chart} />;
          default: {
            const unreachable: never = block;
            return unreachable;
          }
        }
      })}
    </article>
  );
}
