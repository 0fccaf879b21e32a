/** A brainstorm round's summary, kept in the session's results and its notebook. */
import { plural } from '../../plural.ts';
import {
  perTeamCountsBlock,
  type RoundContext,
  type RoundSummary,
  type SummaryBlock,
} from '../types.ts';
import { authorCount, buildBoard, tallyVotes, type BoardEntry } from './board.ts';
import type { BrainstormState } from './model.ts';
import { authorOf, tagCounts, visibleCount } from './views.ts';

function noteLine(state: BrainstormState, entry: BoardEntry, ctx: RoundContext): string {
  const { note } = entry;
  const tag = note.tag === null ? '' : `[${note.tag}] `;
  const similar = entry.absorbed.length ? ` (+${entry.absorbed.length} similar)` : '';
  const author = authorOf(state, note, ctx);
  return `${tag}${note.text}${similar}${author === undefined ? '' : ` (${author})`}`;
}

/** The round's results: the ranking, each cluster's notes, the tags and the tables. */
export function brainstormSummary(state: BrainstormState, ctx: RoundContext): RoundSummary {
  const board = buildBoard(state);
  const tally = tallyVotes(state, board);
  const hasVotes = tally.dotsPlaced > 0;
  const rankOf = new Map(tally.ranking.map((r, i) => [r.id, i + 1]));
  const dotsOf = new Map(tally.ranking.map((r) => [r.id, r.dots]));
  const notes = visibleCount(board);
  const authors = authorCount(state);
  const ordered = hasVotes
    ? tally.ranking
    : board.items.map((item) => ({
        id: item.id,
        label: item.label,
        dots: 0,
        notes: item.noteCount,
      }));
  const blocks: SummaryBlock[] = [
    {
      type: 'text',
      text:
        `${plural(notes, 'note', 'notes')} from ${plural(authors, 'person', 'people')}` +
        `, ${plural(board.clusters.length, 'cluster', 'clusters')}` +
        (hasVotes
          ? `; ${plural(tally.voters, 'person', 'people')} placed ${plural(tally.dotsPlaced, 'dot', 'dots')} (${plural(state.config.dotsPerPerson, 'dot', 'dots')} each, at most ${state.config.maxDotsPerItem} on one item).`
          : '; no dots were placed.'),
    },
    hasVotes
      ? {
          type: 'bars',
          labels: ordered.map((r) => r.label),
          values: ordered.map((r) => r.dots),
          unit: 'dots',
        }
      : {
          type: 'bars',
          labels: ordered.map((r) => r.label),
          values: ordered.map((r) => r.notes),
          unit: 'notes',
        },
    {
      type: 'table',
      columns: ['Rank', 'Item', 'Dots', 'Notes'],
      rows: ordered.map((r, i) => [String(i + 1), r.label, String(r.dots), String(r.notes)]),
    },
  ];
  for (const cluster of [...board.clusters].sort(
    (a, b) => (rankOf.get(a.id) ?? 0) - (rankOf.get(b.id) ?? 0),
  )) {
    const dots = dotsOf.get(cluster.id) ?? 0;
    blocks.push({
      type: 'list',
      title: hasVotes
        ? `${rankOf.get(cluster.id) ?? ''}. ${cluster.label} (${plural(dots, 'dot', 'dots')})`
        : cluster.label,
      items: cluster.entries.map((e) => noteLine(state, e, ctx)),
    });
  }
  if (board.loose.length > 0) {
    blocks.push({
      type: 'list',
      title: 'Notes in no cluster',
      items: board.loose.flatMap((item) => item.entries.map((e) => noteLine(state, e, ctx))),
    });
  }
  if (state.config.tags.length > 0) {
    blocks.push({
      type: 'bars',
      labels: state.config.tags,
      values: tagCounts(state, board),
      unit: 'notes by tag',
    });
  }
  if (state.config.isPerTeam) {
    const shown = board.items.flatMap((item) =>
      item.entries.flatMap((e) => [e.note, ...e.absorbed].map((n) => n.teamId)),
    );
    blocks.push(perTeamCountsBlock(ctx, shown, 'Notes'));
  }
  const top = hasVotes ? tally.ranking[0] : undefined;
  return {
    headline: top
      ? `${state.config.prompt} Top: “${top.label}” with ${plural(top.dots, 'dot', 'dots')}`
      : `${state.config.prompt} ${plural(notes, 'note', 'notes')}`,
    blocks,
  };
}
