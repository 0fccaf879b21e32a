import type { RoundSummary } from '../../exercises/types.ts';
import { own } from '../../own.ts';
import type { SessionState } from '../state.ts';
import { questionsInOrder } from './apply.ts';
import { isOnList, rootOf } from './decide.ts';
import { QA_LIMITS } from './limits.ts';
import { DEFAULT_QA_SETTINGS, type QaQuestion, type QaSettings } from './model.ts';
import { shardGet } from '../sharded.ts';

/**
 * A question as the room sees it. `author` is the asker's name for a named question and
 * null for an anonymous one: no view, the console's included, carries who asked those.
 */
export interface QaItemView {
  id: string;
  text: string;
  author: string | null;
  votes: number;
  isPinned: boolean;
  isAnswered: boolean;
}

/** A question as the console lists it: every state, never an anonymous author. */
export interface QaConsoleItemView extends QaItemView {
  n: number;
  askedAt: number;
  isAnonymous: boolean;
  isApproved: boolean;
  isHidden: boolean;
  mergedInto: string | null;
}

/** The facilitator's panel: the settings, the screen's state and every question. */
export interface QaFacilitatorView {
  settings: QaSettings;
  highlightId: string | null;
  isFullScreen: boolean;
  /** Every question in the order asked, hidden and merged ones included. */
  questions: QaConsoleItemView[];
  /** Waiting for approval. */
  pending: number;
}

/** What every phone sees: the same for all of them. */
export interface QaPublicView {
  settings: QaSettings;
  /** The best questions on the list, up to {@link QA_LIMITS.publicTop}. */
  top: QaItemView[];
  /** Questions on the list, and how many of them are answered. */
  total: number;
  answered: number;
}

/** What only one participant sees of the Q&A. */
export interface QaOwnView {
  /** Questions on the list this seat votes for. */
  votedIds: string[];
  /** This seat's questions on the list. */
  mineIds: string[];
  /** This seat's questions waiting for approval (hidden ones are not listed). */
  pending: { id: string; text: string; isAnonymous: boolean }[];
}

/** The room screen's Q&A: a highlighted question, or the best few. */
export interface QaScreenView {
  isOpen: boolean;
  isFullScreen: boolean;
  highlighted: QaItemView | null;
  top: QaItemView[];
  total: number;
}

/** Best first: pinned, then not yet answered, then most votes, then asked earliest. */
export function compareQuestions(a: QaQuestion, b: QaQuestion): number {
  return (
    Number(b.isPinned) - Number(a.isPinned) ||
    Number(a.isAnswered) - Number(b.isAnswered) ||
    b.votes - a.votes ||
    a.n - b.n
  );
}

function item(state: SessionState, q: QaQuestion): QaItemView {
  return {
    id: q.id,
    text: q.text,
    author: q.isAnonymous ? null : (own(state.participants, q.authorId)?.name ?? null),
    votes: q.votes,
    isPinned: q.isPinned,
    isAnswered: q.isAnswered,
  };
}

/** The questions on the list, best first. */
export function rankedQuestions(state: SessionState): QaQuestion[] {
  return questionsInOrder(state.qa).filter(isOnList).sort(compareQuestions);
}

/** The console's Q&A panel. */
export function qaFacilitatorView(state: SessionState): QaFacilitatorView {
  const questions = questionsInOrder(state.qa);
  return {
    settings: state.qa?.settings ?? DEFAULT_QA_SETTINGS,
    highlightId: state.qa?.highlightId ?? null,
    isFullScreen: state.qa?.isFullScreen ?? false,
    questions: questions.map((q) => ({
      ...item(state, q),
      n: q.n,
      askedAt: q.askedAt,
      isAnonymous: q.isAnonymous,
      isApproved: q.isApproved,
      isHidden: q.isHidden,
      mergedInto: q.mergedInto,
    })),
    pending: questions.filter((q) => !q.isApproved && !q.isHidden && q.mergedInto === null).length,
  };
}

/** The phones' shared Q&A view. */
export function qaPublicView(state: SessionState): QaPublicView {
  const ranked = rankedQuestions(state);
  return {
    settings: state.qa?.settings ?? DEFAULT_QA_SETTINGS,
    top: ranked.slice(0, QA_LIMITS.publicTop).map((q) => item(state, q)),
    total: ranked.length,
    answered: ranked.filter((q) => q.isAnswered).length,
  };
}

/** One seat's votes and questions. */
export function qaOwnView(state: SessionState, participantId: string): QaOwnView {
  const view: QaOwnView = { votedIds: [], mineIds: [], pending: [] };
  for (const q of questionsInOrder(state.qa)) {
    if (q.authorId === participantId && q.mergedInto === null && !q.isHidden) {
      if (q.isApproved) view.mineIds.push(q.id);
      else view.pending.push({ id: q.id, text: q.text, isAnonymous: q.isAnonymous });
    }
    if (isOnList(q) && shardGet(q.voters, participantId) === true) view.votedIds.push(q.id);
  }
  return view;
}

/** The room screen's Q&A. */
export function qaScreenView(state: SessionState): QaScreenView {
  const ranked = rankedQuestions(state);
  const highlightId = state.qa?.highlightId ?? null;
  const highlighted = highlightId === null ? undefined : rootOf(state, highlightId);
  return {
    isOpen: (state.qa?.settings ?? DEFAULT_QA_SETTINGS).isOpen,
    isFullScreen: state.qa?.isFullScreen ?? false,
    highlighted: highlighted && isOnList(highlighted) ? item(state, highlighted) : null,
    top: ranked.slice(0, QA_LIMITS.screenTop).map((q) => item(state, q)),
    total: ranked.length,
  };
}

/** The round id and kind the Q&A's notebook block is written under. */
export const QA_NOTEBOOK_ROUND = { id: 'qa', blockId: 'round-qa', kind: 'qa' } as const;

/**
 * The Q&A's results for the notebook, or null when nobody asked anything: the questions
 * the room saw, best first, with their votes and whether they were answered. Named
 * questions keep their asker; anonymous ones never say who asked.
 */
export function qaSummary(state: SessionState): RoundSummary | null {
  const ranked = rankedQuestions(state);
  if (ranked.length === 0) return null;
  const answered = ranked.filter((q) => q.isAnswered).length;
  return {
    headline: `${ranked.length} ${ranked.length === 1 ? 'question' : 'questions'} from the room, ${answered} answered`,
    blocks: [
      {
        type: 'table',
        columns: ['Question', 'Asked by', 'Votes', 'Answered'],
        rows: ranked.map((q) => {
          const view = item(state, q);
          return [
            view.text,
            view.author ?? 'Anonymous',
            String(view.votes),
            view.isAnswered ? 'Yes' : 'No',
          ];
        }),
      },
    ],
  };
}
