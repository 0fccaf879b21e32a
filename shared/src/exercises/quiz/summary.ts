/** A quiz round's summary, kept in the session's results and its notebook. */
import type { RoundContext, RoundSummary, SummaryBlock } from '../types.ts';
import type { QuizQuestion, QuizState } from './model.ts';
import { questionAt } from './reduce.ts';
import { leaderboardOf, teamLeaderboardOf } from './views.ts';

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st. */
export function rankWord(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The right options in words, "Speed + Friendliness", for the summary. */
function rightLabels(question: QuizQuestion): string {
  return question.correct.map((i) => question.options[i] ?? '').join(' + ');
}

/** The round's results: every question asked, the leaderboard, the tables' leaderboard. */
export function quizSummary(state: QuizState, ctx: RoundContext): RoundSummary {
  const asked = state.tallies.length;
  const rows = state.tallies.map((tally, i) => {
    const question = questionAt(state, i);
    const share = tally.answered ? `${Math.round((tally.right / tally.answered) * 100)}%` : '–';
    return [
      `${i + 1}. ${question?.text ?? ''}`,
      question ? rightLabels(question) : '',
      String(tally.answered),
      share,
    ];
  });
  const board = leaderboardOf(state, ctx);
  const winner = board[0];
  const headline = !winner
    ? `Quiz: ${asked} of ${state.config.questions.length} questions asked, no scores yet`
    : winner.name === null
      ? `Quiz: ${asked} questions, top score ${winner.points} points`
      : `Quiz: ${asked} questions, ${winner.name} first with ${winner.points} points`;
  const blocks: SummaryBlock[] = [
    {
      type: 'table',
      columns: ['Question', 'Right answer', 'Answered', 'Share right'],
      rows,
    },
  ];
  if (board.length) {
    blocks.push({
      type: 'table',
      columns: state.config.isAnonymous ? ['Rank', 'Points'] : ['Rank', 'Name', 'Points'],
      rows: board.map((e) =>
        e.name === null
          ? [rankWord(e.rank), String(e.points)]
          : [rankWord(e.rank), e.name, String(e.points)],
      ),
    });
  }
  const teamBoard = teamLeaderboardOf(state, ctx);
  if (teamBoard?.length) {
    blocks.push({
      type: 'table',
      columns: ['Rank', 'Table', 'Average points', 'Players'],
      rows: teamBoard.map((t) => [rankWord(t.rank), t.name, String(t.average), String(t.members)]),
    });
  }
  blocks.push({
    type: 'text',
    text: `${state.standings.count} ${state.standings.count === 1 ? 'person' : 'people'} scored.${
      state.config.isSpeedBonus
        ? ' Right answers scored their points falling linearly to half at the time limit.'
        : ''
    } Questions with several right answers scored only when all of them and no wrong one were chosen.`,
  });
  return { headline, blocks };
}
